package dev.authmd.adapters.redis;

import dev.authmd.spi.store.RateLimitStore;
import dev.authmd.testkit.RateLimitStoreContract;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The testkit's rate-limit contract, unchanged, on a real redis-server; each test under its own key prefix. */
@ExtendWith(LocalRedis.class)
class RedisRateLimitStoreTest extends RateLimitStoreContract {

    private static final AtomicInteger TESTS = new AtomicInteger();
    private static StatefulRedisConnection<String, String> connection;

    @Override
    protected RateLimitStore createStore() {
        if (connection == null) {
            connection = LocalRedis.connect();
        }
        return new RedisRateLimitStore(connection, "{limit-test-" + TESTS.incrementAndGet() + "}:");
    }

    @AfterAll
    static void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
