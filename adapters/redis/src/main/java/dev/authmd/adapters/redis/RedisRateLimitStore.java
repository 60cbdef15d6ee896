package dev.authmd.adapters.redis;

import dev.authmd.spi.store.RateLimitStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link RateLimitStore} on Redis: the sliding-window counters every replica charges, in the Redis they share.
 *
 * <p>{@link #incrementAndGet} is one Lua script, atomic on the server: a live counter (its expiry, on the caller's
 * clock, still ahead) is incremented ({@code HINCRBY}); an absent or expired one starts again at 1 with the new expiry
 * and a Redis expiry of the time left. N concurrent increments from any number of replicas yield N distinct values. A
 * counter is a small hash ({@code n}: the count, {@code e}: its expiry in epoch microseconds) under the SHA-256 of the
 * library's key. {@link #get} reads both fields in one {@code HMGET}.
 *
 * <p>Redis drops a counter by itself once its window is over; a sorted set by expiry indexes the counters for
 * {@link #sweep}, which keeps that index from growing (run it on a schedule; {@code AgentAuthService.runHousekeeping}
 * does). A counter lost to eviction or a failover only lets a client start its window again: the limits fail open, as
 * they do when this store fails ({@code StoreException}). Keys share the prefix's hash tag, for Redis Cluster.
 *
 * <p>Thread-safe: one Lettuce connection is shared by every caller.
 */
public final class RedisRateLimitStore implements RateLimitStore {

    private static final RedisScript INCREMENT = new RedisScript("""
            local expires = redis.call('HGET', KEYS[1], 'e')
            if expires and tonumber(expires) > tonumber(ARGV[1]) then
              return redis.call('HINCRBY', KEYS[1], 'n', 1)
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'n', 1, 'e', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('ZADD', KEYS[2], ARGV[2], KEYS[1])
            return 1
            """, ScriptOutputType.INTEGER);

    private static final RedisScript SWEEP =
            new RedisScript(RedisStores.SWEEP_SOURCE.formatted("HGET", ", 'e'"), ScriptOutputType.MULTI);

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final String index;

    /**
     * Counters on a connection the host opened (and closes), with the default key prefix {@code {authmd}:}.
     *
     * @param connection a connection to the Redis every replica shares
     */
    public RedisRateLimitStore(StatefulRedisConnection<String, String> connection) {
        this(connection, RedisStores.DEFAULT_PREFIX);
    }

    /**
     * Counters under their own key prefix.
     *
     * @param connection a connection to the Redis every replica shares
     * @param prefix 1 to 64 characters of letters, digits and {@code {}:_.-}
     * @throws IllegalArgumentException when the prefix is not of that form
     */
    public RedisRateLimitStore(StatefulRedisConnection<String, String> connection, String prefix) {
        this.redis =
                Objects.requireNonNull(connection, "connection cannot be null").sync();
        this.prefix = RedisStores.checkPrefix(Objects.requireNonNull(prefix, "prefix cannot be null")) + "limit:";
        this.index = this.prefix + "index";
    }

    @Override
    public long incrementAndGet(String key, Instant now, Instant expiresAt) {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt must be after now");
        }
        Long value = INCREMENT.run(
                redis,
                "increment a rate-limit counter",
                new String[] {counter(key), index},
                RedisStores.micros(now),
                RedisStores.micros(expiresAt),
                RedisStores.ttlMillis(now, expiresAt));
        return value;
    }

    @Override
    public long get(String key, Instant now) {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        List<KeyValue<String, String>> fields;
        try {
            fields = redis.hmget(counter(key), "n", "e");
        } catch (RedisException e) {
            throw RedisStores.failure("read a rate-limit counter", e);
        }
        if (fields.size() != 2 || !fields.get(0).hasValue() || !fields.get(1).hasValue()) {
            return 0;
        }
        long expires = Long.parseLong(fields.get(1).getValue());
        return expires > Long.parseLong(RedisStores.micros(now))
                ? Long.parseLong(fields.get(0).getValue())
                : 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the index by expiry in batches of 1,000 (each one script); counters Redis already expired on its own
     * count as removed.
     */
    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return RedisStores.sweep(redis, SWEEP, index, now, "sweep rate-limit counters");
    }

    private String counter(String key) {
        return prefix + RedisStores.digest(key);
    }

    @Override
    public String toString() {
        return "RedisRateLimitStore[" + prefix + "]";
    }
}
