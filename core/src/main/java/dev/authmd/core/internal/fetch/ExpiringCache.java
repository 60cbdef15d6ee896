package dev.authmd.core.internal.fetch;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A small bounded map whose entries expire at a given instant; used for Client ID Metadata Documents (positive and
 * negative results). When full, expired entries are swept first, then arbitrary entries are dropped until there is
 * room. Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {}

    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /**
     * Creates a cache holding at most the given number of entries.
     *
     * @param maxEntries the most entries held at once
     */
    public ExpiringCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * Returns the live value of a key.
     *
     * @param key the key
     * @param now current time, epoch millis
     * @return the live value, or null
     */
    public @Nullable V get(K key, long now) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (now >= entry.expiresAt()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /**
     * Stores a value until it expires.
     *
     * @param key the key
     * @param value the value
     * @param expiresAt when it stops being served, epoch millis
     * @param now current time, epoch millis
     */
    public void put(K key, V value, long expiresAt, long now) {
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            entries.entrySet().removeIf(e -> now >= e.getValue().expiresAt());
            Iterator<K> keys = entries.keySet().iterator();
            while (entries.size() >= maxEntries && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        }
        entries.put(key, new Entry<>(value, expiresAt));
    }

    /** {@return the number of entries, live or not yet swept} */
    public int size() {
        return entries.size();
    }
}
