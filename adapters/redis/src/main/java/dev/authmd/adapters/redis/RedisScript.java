package dev.authmd.adapters.redis;

import dev.authmd.spi.store.StoreException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Objects;

/**
 * One Lua script, run by its SHA-1 ({@code EVALSHA}) and loaded again when the server has forgotten it (a restart, a
 * {@code SCRIPT FLUSH}). A script runs atomically on the server: the decisions of the stores here are one script each.
 */
final class RedisScript {

    private final String source;
    private final ScriptOutputType output;
    private volatile String sha;

    RedisScript(String source, ScriptOutputType output) {
        this.source = source;
        this.output = output;
        this.sha = "";
    }

    /**
     * Runs the script.
     *
     * @param operation what the caller does, for the failure message (never a key or a value)
     * @return the script's answer
     * @throws StoreException when Redis fails or cannot be reached
     */
    <T> T run(RedisCommands<String, String> redis, String operation, String[] keys, String... args) {
        try {
            if (sha.isEmpty()) {
                sha = redis.scriptLoad(source);
            }
            try {
                return Objects.requireNonNull(redis.evalsha(sha, output, keys, args), "a script answered nil");
            } catch (RedisNoScriptException e) {
                sha = redis.scriptLoad(source);
                return Objects.requireNonNull(redis.evalsha(sha, output, keys, args), "a script answered nil");
            }
        } catch (RedisException e) {
            throw RedisStores.failure(operation, e);
        }
    }
}
