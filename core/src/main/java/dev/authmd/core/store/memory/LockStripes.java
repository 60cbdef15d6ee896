package dev.authmd.core.store.memory;

/**
 * A fixed set of monitors that serialise writes to one record without a lock object per record: a record's key picks
 * its stripe, and two records share a stripe only by hash collision, which costs a little concurrency, never
 * correctness.
 */
final class LockStripes {

    private static final int STRIPES = 256;

    private final Object[] locks = new Object[STRIPES];

    LockStripes() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Returns the monitor guarding writes to one record.
     *
     * @param tenantId the record's tenant
     * @param key the record's key within the tenant
     * @return the monitor guarding writes to that record
     */
    Object of(String tenantId, String key) {
        int h = tenantId.hashCode() * 31 + key.hashCode();
        h ^= h >>> 16;
        return locks[h & (STRIPES - 1)];
    }
}
