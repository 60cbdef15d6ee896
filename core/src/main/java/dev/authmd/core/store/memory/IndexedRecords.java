package dev.authmd.core.store.memory;

import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Records of one kind keyed by {@code (tenant, id)}, bounded, with an index per registration and one by expiry: the
 * shared engine of the current profile's in-memory stores (issued assertions, access tokens, refresh tokens), so none
 * of them scans. A record's registration and expiry never change once stored; changes to a record run inside its key's
 * atomic section.
 *
 * @param <V> the record type, immutable
 */
final class IndexedRecords<V> {

    private final ConcurrentHashMap<String, V> records = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> byRegistration = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> byExpiry = new ConcurrentSkipListSet<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxEntries;
    private final String what;
    private final Function<V, String> tenantOf;
    private final Function<V, String> registrationOf;

    /**
     * @param maxEntries the most records held, expired ones included until swept
     * @param what what the records are, for the message when full ("issued-assertion", …)
     * @param tenantOf reads a record's tenant
     * @param registrationOf reads a record's registration
     */
    IndexedRecords(int maxEntries, String what, Function<V, String> tenantOf, Function<V, String> registrationOf) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.what = what;
        this.tenantOf = tenantOf;
        this.registrationOf = registrationOf;
    }

    /**
     * Stores a record unless its id is taken.
     *
     * @return true when stored
     * @throws StoreException when full
     */
    boolean insert(String id, Instant expiresAt, V record) {
        String key = key(tenantOf.apply(record), id);
        boolean[] inserted = {false};
        records.computeIfAbsent(key, k -> {
            if (!reserveSlot()) {
                throw new StoreException(
                        "the " + what + " store is full (" + maxEntries + " records); sweep expired ones");
            }
            inserted[0] = true;
            byRegistration
                    .computeIfAbsent(
                            key(tenantOf.apply(record), registrationOf.apply(record)),
                            r -> ConcurrentHashMap.newKeySet())
                    .add(id);
            byExpiry.add(new Due(expiresAt, k, id));
            return record;
        });
        return inserted[0];
    }

    /** {@return the record, or null} */
    @Nullable
    V get(String tenantId, String id) {
        return records.get(key(tenantId, id));
    }

    /**
     * Changes a record atomically.
     *
     * @param change receives the record; answers the new one, or the same instance to leave it
     * @return true when the record changed
     */
    boolean update(String tenantId, String id, UnaryOperator<V> change) {
        boolean[] changed = {false};
        records.computeIfPresent(key(tenantId, id), (k, current) -> {
            V next = change.apply(current);
            changed[0] = next != current;
            return next;
        });
        return changed[0];
    }

    /** {@return the ids of a registration's records (a live view: records added meanwhile may appear)} */
    Set<String> idsOf(String tenantId, String registrationId) {
        Set<String> ids = byRegistration.get(key(tenantId, registrationId));
        return ids == null ? Set.of() : ids;
    }

    /**
     * Removes records whose expiry is at or before {@code now}.
     *
     * @param guard the lock to hold while removing a record, given the record (the refresh-token store serialises a
     *     registration's writes); null for none
     * @return how many were removed
     */
    int sweep(Instant now, @Nullable Function<V, Object> guard) {
        int removed = 0;
        for (Iterator<Due> it = byExpiry.iterator(); it.hasNext(); ) {
            Due due = it.next();
            if (due.at.isAfter(now)) {
                break;
            }
            byExpiry.remove(due);
            V record = records.get(due.key);
            if (record == null) {
                continue;
            }
            if (guard == null) {
                removed += remove(due, record);
            } else {
                synchronized (guard.apply(record)) {
                    removed += remove(due, record);
                }
            }
        }
        return removed;
    }

    /** {@return the number of records held, expired ones included until swept} */
    int size() {
        return size.get();
    }

    /** Removes the record of an expired index entry; its expiry never changes, so it is due whatever its state. */
    private int remove(Due due, V record) {
        if (records.remove(due.key) == null) {
            return 0;
        }
        size.decrementAndGet();
        byRegistration.computeIfPresent(key(tenantOf.apply(record), registrationOf.apply(record)), (r, ids) -> {
            ids.remove(due.id);
            return ids.isEmpty() ? null : ids;
        });
        return 1;
    }

    private boolean reserveSlot() {
        int current;
        do {
            current = size.get();
            if (current >= maxEntries) {
                return false;
            }
        } while (!size.compareAndSet(current, current + 1));
        return true;
    }

    private static String key(String tenantId, String id) {
        return tenantId.length() + ":" + tenantId + ":" + id;
    }

    /** An expiry index entry, ordered by instant then key. */
    private record Due(Instant at, String key, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }
}
