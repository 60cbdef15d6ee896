package dev.authmd.core.store.memory;

import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import dev.authmd.spi.store.StoreException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default {@link ReplayCache}: used assertion ids in memory, lost on restart, so only right for a single
 * replica (replicas that share nothing would each accept a {@code jti} once).
 *
 * <p><b>Bounded, and fails closed.</b> It holds at most {@code maxEntries} keys. Each {@link #markUsed} first removes a
 * few expired entries (soonest first, found through an expiry-ordered index, never a scan), so expired entries do not
 * pile up between calls to {@link #sweep}. When the cache is full of unexpired entries, {@link #markUsed} of a new key
 * sweeps once more and, if nothing could be freed, throws a {@link StoreException}: it never forgets an unexpired
 * {@code jti} to make room, so the library rejects the assertion rather than risk accepting a replay.
 *
 * <p>Each entry is about 250 bytes plus the issuer and {@code jti}; the default bound of {@value #DEFAULT_MAX_ENTRIES}
 * entries is roughly 300 MB at worst. {@link #markUsed} is atomic per key (one winner among concurrent callers);
 * thread-safe.
 */
public final class InMemoryReplayCache implements ReplayCache {

    /** The bound used by {@link #InMemoryReplayCache()}. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    /** Expired entries each {@link #markUsed} removes on the way: more than it can add. */
    private static final int SWEEP_PER_CALL = 2;

    private final ExpiringEntries<Instant> entries;

    /** Creates a cache bounded to {@value #DEFAULT_MAX_ENTRIES} entries. */
    public InMemoryReplayCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /**
     * Creates a cache holding at most the given number of keys.
     *
     * @param maxEntries the most keys held at once, at least 1
     * @throws IllegalArgumentException when {@code maxEntries < 1}
     */
    public InMemoryReplayCache(int maxEntries) {
        this.entries = new ExpiringEntries<>(maxEntries, Function.identity());
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException when the key is new and the cache is full of unexpired entries
     */
    @Override
    public boolean markUsed(ReplayKey key, Instant now, Instant retainUntil) {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        Objects.requireNonNull(retainUntil, "retainUntil cannot be null");
        if (!retainUntil.isAfter(now)) {
            throw new IllegalArgumentException("retainUntil must be after now");
        }
        String k = compact(key);
        entries.sweep(now, SWEEP_PER_CALL);
        Boolean firstUse = tryMark(k, now, retainUntil);
        if (firstUse == null && entries.sweep(now, Integer.MAX_VALUE) > 0) {
            firstUse = tryMark(k, now, retainUntil);
        }
        if (firstUse == null) {
            throw new StoreException(
                    "replay cache is full of unexpired entries (" + entries.maxEntries() + "); refusing to forget one");
        }
        return firstUse;
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return entries.sweep(now, Integer.MAX_VALUE);
    }

    /** {@return the number of keys held, expired ones included until swept} */
    public int size() {
        return entries.size();
    }

    /**
     * Returns true on first use, false on replay, null when full.
     *
     * @return true on first use, false on replay, null when full
     */
    private @Nullable Boolean tryMark(String k, Instant now, Instant retainUntil) {
        boolean[] first = {false};
        Instant stored = entries.compute(k, now, live -> {
            if (live != null) {
                first[0] = false;
                return live;
            }
            first[0] = true;
            return retainUntil;
        });
        return stored == null ? null : first[0];
    }

    /**
     * One string per key, unambiguous whatever the components contain: each of the first two components is prefixed
     * with its length. Smaller than the three strings of a record.
     */
    private static String compact(ReplayKey key) {
        String ns = key.namespace();
        String iss = key.issuer();
        return ns.length() + ":" + ns + iss.length() + ":" + iss + key.jti();
    }
}
