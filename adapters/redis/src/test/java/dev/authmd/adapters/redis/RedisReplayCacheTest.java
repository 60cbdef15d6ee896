package dev.authmd.adapters.redis;

import dev.authmd.spi.store.ReplayCache;
import dev.authmd.testkit.ReplayCacheContract;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The testkit's replay-cache contract, unchanged, on a real redis-server; each test under its own key prefix. */
@ExtendWith(LocalRedis.class)
class RedisReplayCacheTest extends ReplayCacheContract {

    private static final AtomicInteger TESTS = new AtomicInteger();
    private static StatefulRedisConnection<String, String> connection;

    @Override
    protected ReplayCache createStore() {
        if (connection == null) {
            connection = LocalRedis.connect();
        }
        return new RedisReplayCache(connection, "{replay-test-" + TESTS.incrementAndGet() + "}:");
    }

    @AfterAll
    static void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
