package dev.authmd.adapters.redis;

import dev.authmd.spi.store.StoreException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** What the Redis stores share: key naming, instants as numbers, failures without values. */
final class RedisStores {

    /** The default key prefix; the braces are a hash tag, so every key of the library lands in one cluster slot. */
    static final String DEFAULT_PREFIX = "{authmd}:";

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9{}:_.-]{1,64}");

    /** Most entries one sweep script removes; a sweep runs scripts until a batch comes back short. */
    static final int SWEEP_BATCH = 1000;

    private RedisStores() {}

    static String checkPrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("key prefix must be 1 to 64 characters of letters, digits and {}:_.-");
        }
        return prefix;
    }

    /**
     * A fixed-size key for variable, partly caller-controlled parts (a {@code jti}, an issuer): the SHA-256 of the
     * length-prefixed parts, so no two part lists share a key and no part can grow a key.
     */
    static String digest(String... parts) {
        StringBuilder input = new StringBuilder();
        for (String part : parts) {
            input.append(part.length()).append(':').append(part);
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** An instant as epoch microseconds (exact in a Lua number, which is a double, until the year 2255). */
    static String micros(Instant instant) {
        return Long.toString(
                Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L));
    }

    /**
     * How long Redis keeps an entry on its own clock: the time left on the caller's, rounded up to a whole millisecond,
     * so an entry never leaves before the caller's clock says it may.
     */
    static String ttlMillis(Instant now, Instant until) {
        long micros = Math.subtractExact(Long.parseLong(micros(until)), Long.parseLong(micros(now)));
        return Long.toString(Math.max(1, Math.floorDiv(micros + 999, 1000)));
    }

    static StoreException failure(String operation, RedisException cause) {
        // nothing secret ever reaches Redis (keys are digests, values instants and counts), so the cause may travel
        return new StoreException(
                operation + " failed on Redis (" + cause.getClass().getSimpleName() + ")", cause);
    }

    /** Removes up to ARGV[2] entries due at ARGV[1] (from the index; an entry marked again meanwhile stays). */
    static final String SWEEP_SOURCE = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            local removed = 0
            for _, key in ipairs(due) do
              local held = redis.call('%s', key%s)
              if not held or tonumber(held) <= tonumber(ARGV[1]) then
                if held then
                  redis.call('DEL', key)
                end
                removed = removed + 1
              end
              redis.call('ZREM', KEYS[1], key)
            end
            return {removed, #due}
            """;

    /** Runs a sweep script until a batch comes back short; the sum of what each removed. */
    static int sweep(RedisCommands<String, String> redis, RedisScript script, String index, Instant now, String what) {
        int removed = 0;
        while (true) {
            List<Long> batch = script.run(
                    redis,
                    what,
                    new String[] {index},
                    RedisStores.micros(now),
                    Integer.toString(RedisStores.SWEEP_BATCH));
            removed += batch.get(0).intValue();
            if (batch.get(1) < RedisStores.SWEEP_BATCH) {
                return removed;
            }
        }
    }
}
