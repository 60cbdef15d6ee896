package dev.authmd.core.store.memory;

import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A bounded map of entries that expire, with an index ordered by expiry so that expired entries are found without
 * scanning: the shared engine of {@link InMemoryReplayCache} and {@link InMemoryRateLimitStore}.
 *
 * <p>Every change to a key — its value, its index entry, the size count — happens inside that key's atomic section of
 * the {@link ConcurrentHashMap} ({@code compute}), so the index holds exactly one entry per stored key, at the stored
 * expiry, whatever the interleaving. Reads of a value take no lock. An entry counts as absent from the instant its
 * expiry is at or before {@code now}, swept or not.
 *
 * @param <V> the value type; immutable, carries its own expiry
 */
final class ExpiringEntries<V> {

    private final ConcurrentHashMap<String, V> values = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> index = new ConcurrentSkipListSet<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Function<V, Instant> expiryOf;
    private final int maxEntries;

    /**
     * Creates an entry map holding at most the given number of entries.
     *
     * @param maxEntries the most entries held at once, expired ones included until swept
     * @param expiryOf reads a value's expiry
     */
    ExpiringEntries(int maxEntries, Function<V, Instant> expiryOf) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.expiryOf = Objects.requireNonNull(expiryOf, "expiryOf cannot be null");
    }

    /**
     * Returns the live value of {@code key} at {@code now}, or null when absent or expired.
     *
     * @return the live value of {@code key} at {@code now}, or null when absent or expired
     */
    @Nullable
    V getLive(String key, Instant now) {
        V v = values.get(key);
        return v != null && expiryOf.apply(v).isAfter(now) ? v : null;
    }

    /**
     * Atomically replaces the value of {@code key}.
     *
     * @param update receives the live value (null when absent or expired at {@code now}) and returns the value to
     *     store, or the live value itself to leave the entry untouched; runs at most once per call, inside the key's
     *     atomic section, and must not block
     * @return the stored value; null when the key was absent, the map is full and nothing was stored ({@code update}
     *     may have run then)
     */
    @Nullable
    V compute(String key, Instant now, UnaryOperator<V> update) {
        boolean[] full = {false};
        V stored = values.compute(key, (k, old) -> {
            V live = old != null && expiryOf.apply(old).isAfter(now) ? old : null;
            V next = Objects.requireNonNull(update.apply(live), "update cannot answer null");
            if (next == old) {
                return old;
            }
            if (old == null && !reserveSlot()) {
                full[0] = true;
                return null;
            }
            Instant oldAt = old == null ? null : expiryOf.apply(old);
            Instant newAt = expiryOf.apply(next);
            if (!newAt.equals(oldAt)) {
                if (oldAt != null) {
                    index.remove(new Due(oldAt, k));
                }
                index.add(new Due(newAt, k));
            }
            return next;
        });
        return full[0] ? null : stored;
    }

    /**
     * Removes up to {@code max} entries whose expiry is at or before {@code now}, soonest first.
     *
     * @return how many were removed
     */
    int sweep(Instant now, int max) {
        int removed = 0;
        int visited = 0;
        for (Iterator<Due> it = index.iterator(); it.hasNext() && visited < max; visited++) {
            Due due = it.next();
            if (due.at.isAfter(now)) {
                break;
            }
            if (remove(due)) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Removes the entry that expires soonest, live or not.
     *
     * @return whether an entry was removed (false when empty or when it changed meanwhile)
     */
    boolean evictSoonest() {
        Iterator<Due> it = index.iterator();
        return it.hasNext() && remove(it.next());
    }

    /** {@return the bound given at construction} */
    int maxEntries() {
        return maxEntries;
    }

    /** {@return the number of entries held, expired ones included until swept} */
    int size() {
        return size.get();
    }

    /**
     * Removes the entry {@code due} points at if it still expires then; drops {@code due} from the index either way (an
     * index entry that no longer matches is stale).
     */
    private boolean remove(Due due) {
        boolean[] removed = {false};
        values.compute(due.key, (k, v) -> {
            if (v != null && expiryOf.apply(v).equals(due.at)) {
                index.remove(due);
                removed[0] = true;
                return null;
            }
            index.remove(due);
            return v;
        });
        if (removed[0]) {
            size.decrementAndGet();
        }
        return removed[0];
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

    /** An index entry: a key and the instant its entry expires, ordered by that instant. */
    private record Due(Instant at, String key) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }
}
