package dev.authmd.core.internal.keys;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When the keys of one JWKS URL stop being fresh (from the last successful download's {@code Cache-Control}) and when
 * the next refresh may be attempted. Thread-safe.
 */
final class Freshness {

    /** Epoch millis until which the last downloaded set is fresh; 0 before the first download. */
    private volatile long freshUntil;
    /** Epoch millis from which a refresh may be attempted (claimed by CAS: one thread refreshes). */
    final AtomicLong refreshAt = new AtomicLong();
    /** Downloads started, so a lookup can tell whether it was answered from the cache alone. */
    private final AtomicLong downloads = new AtomicLong();

    void downloading() {
        downloads.incrementAndGet();
    }

    long downloads() {
        return downloads.get();
    }

    /** How many keys the last downloaded set held. */
    private volatile int keyCount;

    void downloaded(long now, long ttlMillis, int keys) {
        freshUntil = now + ttlMillis;
        refreshAt.set(now + ttlMillis);
        keyCount = keys;
    }

    int keyCount() {
        return keyCount;
    }

    long freshUntil() {
        return freshUntil;
    }
}
