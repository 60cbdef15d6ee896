package dev.authmd.spi.store;

import java.time.Instant;

/**
 * Counters behind the sliding-window rate limits of docs/protocol.md#v01-7. The library keys one counter per limit,
 * client (IP or tenant) and fixed window, and combines the current and the previous window into a sliding estimate; the
 * store only counts.
 *
 * <p>{@link #incrementAndGet} is atomic: N concurrent increments of one key from any number of replicas yield N
 * distinct results. Null arguments are rejected with a {@link NullPointerException}. Thread-safe; failures are
 * {@link StoreException}s (the limiter then fails open). Extend {@code RateLimitStoreContract} from
 * {@code authmd-testkit}.
 */
public interface RateLimitStore {

    /**
     * Adds one to a counter, creating it at 1 when absent or expired. A live counter keeps the expiry it was created
     * with (the key names a fixed window).
     *
     * @param key the counter key
     * @param now the current instant; a counter whose expiry is at or before it counts as absent
     * @param expiresAt when the counter may be forgotten, if this call creates it; must be after {@code now}
     * @return the counter's value after the increment
     * @throws IllegalArgumentException when {@code expiresAt} is not after {@code now}
     */
    long incrementAndGet(String key, Instant now, Instant expiresAt);

    /**
     * {@return the counter's value, 0 when absent or expired}
     *
     * @param key the counter key
     * @param now the current instant
     */
    long get(String key, Instant now);

    /**
     * {@return the number of expired counters removed}
     *
     * @param now the current instant
     */
    int sweep(Instant now);
}
