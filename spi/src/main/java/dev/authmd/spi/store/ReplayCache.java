package dev.authmd.spi.store;

import java.time.Instant;

/**
 * Remembers which signed assertions were already used (§3a step 9, §6: docs/protocol.md#v01-3a-step-9).
 *
 * <p>{@link #markUsed} is an atomic check-and-set: when many threads (or many service replicas sharing the store)
 * present the same key at once, exactly one gets {@code true}. An entry whose retention passed no longer blocks its
 * key. Null arguments are rejected with a {@link NullPointerException}. Thread-safe; failures are
 * {@link StoreException}s (the library then rejects the assertion: it never fails open on replay). Extend
 * {@code ReplayCacheContract} from {@code authmd-testkit}.
 */
public interface ReplayCache {

    /**
     * Records a first use.
     *
     * @param key token type, issuer and {@code jti}
     * @param now the current instant; an entry retained until {@code now} or earlier counts as absent
     * @param retainUntil keep the entry at least until this instant ({@code exp + skew}); must be after {@code now}
     *     (reject expired assertions before asking)
     * @return true when this is the first use; false when the key is already recorded, in which case nothing changes
     *     (the recorded retention is not extended)
     * @throws IllegalArgumentException when {@code retainUntil} is not after {@code now}
     */
    boolean markUsed(ReplayKey key, Instant now, Instant retainUntil);

    /**
     * Removes entries whose retention ended at or before {@code now}.
     *
     * @param now the current instant
     * @return the number of entries removed
     */
    int sweep(Instant now);
}
