package dev.authmd.core.internal.ratelimit;

import dev.authmd.spi.store.RateLimitStore;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A minimal synchronized RateLimitStore for limiter tests, with a switch to make it fail. */
final class TestRateLimitStore implements RateLimitStore {

    private record Counter(long value, Instant expiresAt) {}

    private final Map<String, Counter> counters = new HashMap<>();
    private volatile boolean failing;
    private int calls;

    void failing(boolean failing) {
        this.failing = failing;
    }

    synchronized Set<String> keys() {
        return new TreeSet<>(counters.keySet());
    }

    synchronized int calls() {
        return calls;
    }

    synchronized Map<String, Long> values() {
        Map<String, Long> values = new HashMap<>();
        counters.forEach((k, c) -> values.put(k, c.value()));
        return values;
    }

    @Override
    public synchronized long incrementAndGet(String key, Instant now, Instant expiresAt) {
        calls++;
        failIfAsked(key);
        Counter counter = counters.get(key);
        long value = counter == null || !counter.expiresAt().isAfter(now) ? 1 : counter.value() + 1;
        counters.put(key, new Counter(value, expiresAt));
        return value;
    }

    @Override
    public synchronized long get(String key, Instant now) {
        calls++;
        failIfAsked(key);
        Counter counter = counters.get(key);
        return counter == null || !counter.expiresAt().isAfter(now) ? 0 : counter.value();
    }

    @Override
    public synchronized int sweep(Instant now) {
        int before = counters.size();
        counters.values().removeIf(c -> !c.expiresAt().isAfter(now));
        return before - counters.size();
    }

    private void failIfAsked(String key) {
        if (failing) {
            throw new StoreException("counter store unavailable for key " + key);
        }
    }
}
