package dev.authmd.core.store.memory;

import dev.authmd.spi.store.RateLimitStore;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.Objects;

/**
 * The embedded default {@link RateLimitStore}: counters in memory, lost on restart, local to one replica.
 *
 * <p><b>Bounded.</b> It holds at most {@code maxEntries} counters. Each increment first removes a few expired counters
 * (soonest first, through an expiry-ordered index, never a scan). When a new key finds the store full of live counters,
 * it sweeps, and if nothing expired, evicts the counter that expires soonest — the oldest window, which matters least
 * to a sliding estimate — rather than refuse: a rate limiter degrades by forgetting, and the limits of keys already
 * counted (a tenant's, say) keep working while a flood of new client keys churns.
 *
 * <p>{@link #incrementAndGet} is atomic per key: N concurrent increments yield N distinct values. Thread-safe.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {

    /** The bound used by {@link #InMemoryRateLimitStore()}. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private static final int SWEEP_PER_CALL = 2;
    private static final int MAX_EVICTION_TRIES = 8;

    private final ExpiringEntries<Counter> counters;

    /** Creates a store bounded to {@value #DEFAULT_MAX_ENTRIES} counters. */
    public InMemoryRateLimitStore() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /**
     * Creates a store holding at most the given number of counters.
     *
     * @param maxEntries the most counters held at once, at least 1
     * @throws IllegalArgumentException when {@code maxEntries < 1}
     */
    public InMemoryRateLimitStore(int maxEntries) {
        this.counters = new ExpiringEntries<>(maxEntries, Counter::expiresAt);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException only if room for a new key could not be made after several evictions under heavy
     *     contention
     */
    @Override
    public long incrementAndGet(String key, Instant now, Instant expiresAt) {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt must be after now");
        }
        counters.sweep(now, SWEEP_PER_CALL);
        for (int i = 0; i < MAX_EVICTION_TRIES; i++) {
            Counter c = counters.compute(
                    key,
                    now,
                    live -> live == null ? new Counter(1, expiresAt) : new Counter(live.count + 1, live.expiresAt));
            if (c != null) {
                return c.count;
            }
            if (counters.sweep(now, Integer.MAX_VALUE) == 0) {
                counters.evictSoonest();
            }
        }
        throw new StoreException("rate-limit store is full and no counter could be evicted");
    }

    @Override
    public long get(String key, Instant now) {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        Counter c = counters.getLive(key, now);
        return c == null ? 0 : c.count;
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return counters.sweep(now, Integer.MAX_VALUE);
    }

    /** {@return the number of counters held, expired ones included until swept} */
    public int size() {
        return counters.size();
    }

    /** A counter's value and the instant it may be forgotten. */
    private record Counter(long count, Instant expiresAt) {}
}
