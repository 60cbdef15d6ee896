package dev.authmd.core.testsupport;

import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Minimal atomic replay cache for these tests (the real in-memory one lives in core.store.memory). */
public final class MapReplayCache implements ReplayCache {

    private final ConcurrentMap<ReplayKey, Instant> entries = new ConcurrentHashMap<>();

    @Override
    public boolean markUsed(ReplayKey key, Instant now, Instant retainUntil) {
        boolean[] first = {false};
        entries.compute(key, (k, until) -> {
            if (until == null || !until.isAfter(now)) {
                first[0] = true;
                return retainUntil;
            }
            return until;
        });
        return first[0];
    }

    @Override
    public int sweep(Instant now) {
        int before = entries.size();
        entries.values().removeIf(until -> !until.isAfter(now));
        return before - entries.size();
    }

    public Instant retainedUntil(ReplayKey key) {
        return entries.get(key);
    }

    public int size() {
        return entries.size();
    }
}
