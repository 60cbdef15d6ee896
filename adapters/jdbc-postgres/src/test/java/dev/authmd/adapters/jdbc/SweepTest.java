package dev.authmd.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.testkit.StoreFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The set-based sweeps of the replay cache and the rate-limit counters: more than one batch, and several replicas
 * sweeping the same table at the same moment.
 */
class SweepTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer(8);

    private static final Instant NOW = StoreFixtures.T0;
    private static final int EXPIRED = 2 * JdbcReplayCache.SWEEP_BATCH + 345;
    private static final int LIVE = 100;
    private static final int REPLICAS = 4;

    @BeforeEach
    void empty() {
        POSTGRES.truncate();
    }

    @Test
    void replaySweepWhenMoreExpiredThanOneBatchThenRemovesExactlyTheExpired() throws SQLException {
        loadReplay(EXPIRED, LIVE);

        assertThat(new JdbcReplayCache(POSTGRES.dataSource()).sweep(NOW)).isEqualTo(EXPIRED);

        assertThat(count("authmd_replay")).isEqualTo(LIVE);
        assertThat(new JdbcReplayCache(POSTGRES.dataSource()).sweep(NOW)).isZero();
    }

    @Test
    void replaySweepWhenEveryReplicaSweepsAtOnceThenEachEntryRemovedOnce() throws Exception {
        loadReplay(EXPIRED, LIVE);

        List<Integer> removed = race(r -> () -> new JdbcReplayCache(POSTGRES.newPool("sweeper-" + r)).sweep(NOW));

        assertThat(removed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EXPIRED);
        assertThat(count("authmd_replay")).isEqualTo(LIVE);
    }

    @Test
    void rateLimitSweepWhenEveryReplicaSweepsAtOnceThenEachCounterRemovedOnce() throws Exception {
        execute("INSERT INTO authmd_rate_limit (key, count, expires_at) SELECT 'rl:' || i, i, "
                + "CASE WHEN i <= " + EXPIRED
                + " THEN timestamptz '2026-05-04T11:00:00Z' + (i % 3600) * interval '1 second'"
                + " ELSE timestamptz '2026-05-04T13:00:00Z' END FROM generate_series(1, " + (EXPIRED + LIVE) + ") i");

        List<Integer> removed = race(r -> () -> new JdbcRateLimitStore(POSTGRES.newPool("limits-" + r)).sweep(NOW));

        assertThat(removed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EXPIRED);
        assertThat(count("authmd_rate_limit")).isEqualTo(LIVE);
    }

    /** Expired entries retained until up to an hour before {@link #NOW}, live ones an hour after. */
    private static void loadReplay(int expired, int live) throws SQLException {
        execute("INSERT INTO authmd_replay (key_hash, retain_until) SELECT sha256(i::text::bytea), "
                + "CASE WHEN i <= " + expired
                + " THEN timestamptz '2026-05-04T11:00:00Z' + (i % 3600) * interval '1 second'"
                + " ELSE timestamptz '2026-05-04T13:00:00Z' END FROM generate_series(1, " + (expired + live) + ") i");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = POSTGRES.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String table) throws SQLException {
        try (Connection c = POSTGRES.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> List<T> race(IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REPLICAS);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int r = 0; r < REPLICAS; r++) {
                tasks.add(task.apply(r));
            }
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return t.call();
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
