package dev.authmd.adapters.redis;

import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link ReplayCache} on Redis: the {@code jti}s every replica has seen, in the Redis they share.
 *
 * <p><b>One script per decision.</b> {@link #markUsed} is one Lua script, atomic on the server: it reads the entry, and
 * only when there is none, or its retention (on the caller's clock) has passed, writes it with the new retention and a
 * Redis expiry of the time left ({@code SET … PX}); so of any number of replicas presenting one key at once, exactly
 * one gets {@code true}. An entry is a short key (the SHA-256 of namespace, issuer and {@code jti}: no presented value
 * reaches Redis, and no key grows with it) holding its retention in epoch microseconds.
 *
 * <p><b>Expiry.</b> Redis drops an entry by itself once its time is up, so memory follows the assertions of the last
 * few minutes. A sorted set by retention indexes the entries for {@link #sweep}, which removes what is due in batches
 * and keeps that index from growing: run it on a schedule ({@code AgentAuthService.runHousekeeping} does).
 *
 * <p><b>Settings that matter</b> (docs/redis.md): an eviction policy that never drops these keys
 * ({@code maxmemory-policy noeviction}, or {@code volatile-*} with room to spare) and persistence and replication that
 * keep acknowledged writes across a restart or a failover; a lost entry lets its assertion be replayed until it
 * expires. Keys share one hash tag (the prefix, {@code {authmd}:} by default), so the scripts run on Redis Cluster too.
 *
 * <p>Thread-safe: one Lettuce connection is shared by every caller. Failures are {@code StoreException}s naming the
 * operation; the library then refuses the assertion (it never fails open on replay).
 */
public final class RedisReplayCache implements ReplayCache {

    private static final RedisScript MARK = new RedisScript("""
            local held = redis.call('GET', KEYS[1])
            if held and tonumber(held) > tonumber(ARGV[1]) then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            redis.call('ZADD', KEYS[2], ARGV[2], KEYS[1])
            return 1
            """, ScriptOutputType.INTEGER);

    private static final RedisScript SWEEP =
            new RedisScript(RedisStores.SWEEP_SOURCE.formatted("GET", ""), ScriptOutputType.MULTI);

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final String index;

    /**
     * A replay cache on a connection the host opened (and closes), with the default key prefix {@code {authmd}:}.
     *
     * @param connection a connection to the Redis every replica shares
     */
    public RedisReplayCache(StatefulRedisConnection<String, String> connection) {
        this(connection, RedisStores.DEFAULT_PREFIX);
    }

    /**
     * A replay cache under its own key prefix (several services on one Redis).
     *
     * @param connection a connection to the Redis every replica shares
     * @param prefix 1 to 64 characters of letters, digits and {@code {}:_.-}; keep a {@code {hash tag}} in it for Redis
     *     Cluster
     * @throws IllegalArgumentException when the prefix is not of that form
     */
    public RedisReplayCache(StatefulRedisConnection<String, String> connection, String prefix) {
        this.redis =
                Objects.requireNonNull(connection, "connection cannot be null").sync();
        this.prefix = RedisStores.checkPrefix(Objects.requireNonNull(prefix, "prefix cannot be null")) + "replay:";
        this.index = this.prefix + "index";
    }

    @Override
    public boolean markUsed(ReplayKey key, Instant now, Instant retainUntil) {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        Objects.requireNonNull(retainUntil, "retainUntil cannot be null");
        if (!retainUntil.isAfter(now)) {
            throw new IllegalArgumentException("retainUntil must be after now");
        }
        String entry = prefix + RedisStores.digest(key.namespace(), key.issuer(), key.jti());
        Long first = MARK.run(
                redis,
                "mark a replay entry",
                new String[] {entry, index},
                RedisStores.micros(now),
                RedisStores.micros(retainUntil),
                RedisStores.ttlMillis(now, retainUntil));
        return first == 1L;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the index by retention in batches of 1,000 (each one script); entries Redis already expired on its own
     * count as removed.
     */
    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return RedisStores.sweep(redis, SWEEP, index, now, "sweep replay entries");
    }

    @Override
    public String toString() {
        return "RedisReplayCache[" + prefix + "]";
    }
}
