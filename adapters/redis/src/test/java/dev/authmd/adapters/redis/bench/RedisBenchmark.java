package dev.authmd.adapters.redis.bench;

import dev.authmd.adapters.redis.RedisRateLimitStore;
import dev.authmd.adapters.redis.RedisReplayCache;
import dev.authmd.spi.store.ReplayKey;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Load harness, not a test: {@code markUsed} of unique keys and {@code incrementAndGet} over 1,000 counters, from N
 * threads sharing one Lettuce connection (as a replica does), against the Redis at {@code redis://host:port}.
 *
 * <pre>
 * redis-server --port 6390 --save '' --appendonly no &amp;
 * mvn -B -o -pl adapters/redis -Pbench test-compile exec:java -Dexec.args="redis://127.0.0.1:6390 8 10"
 * </pre>
 */
public final class RedisBenchmark {

    private RedisBenchmark() {}

    /**
     * @param args {@code URI [threads] [seconds]}
     * @throws Exception when a call fails
     */
    public static void main(String[] args) throws Exception {
        RedisClient client = RedisClient.create(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String prefix = "{bench-" + System.nanoTime() + "}:";
            RedisReplayCache replay = new RedisReplayCache(connection, prefix);
            RedisRateLimitStore limits = new RedisRateLimitStore(connection, prefix);
            AtomicLong ids = new AtomicLong();
            run("markUsed, unique keys", threads, seconds, t -> {
                Instant now = Instant.now();
                replay.markUsed(
                        new ReplayKey("id-jag", "https://provider.example", Long.toString(ids.incrementAndGet())),
                        now,
                        now.plusSeconds(300));
            });
            run("incrementAndGet, 1,000 counters", threads, seconds, t -> {
                Instant now = Instant.now();
                limits.incrementAndGet("anonymous|ip|" + (ids.incrementAndGet() % 1000), now, now.plusSeconds(3600));
            });
            Instant later = Instant.now().plusSeconds(3601);
            long start = System.nanoTime();
            int removed = replay.sweep(later) + limits.sweep(later);
            System.out.printf(
                    Locale.ROOT,
                    "| sweep of everything above | %,d entries | %d ms |%n",
                    removed,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        } finally {
            client.shutdown();
        }
    }

    private static void run(String name, int threads, int seconds, IntConsumer op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long warmUpEnd = System.nanoTime() + 3_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < warmUpEnd) {
                    op.accept(thread);
                }
                long end = warmUpEnd + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    op.accept(thread);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "| %s | %d threads | %,d ops/s |%n", name, threads, done.get() / seconds);
    }
}
