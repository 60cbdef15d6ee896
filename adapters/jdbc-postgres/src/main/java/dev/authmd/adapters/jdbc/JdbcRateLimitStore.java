package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.RateLimitStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link RateLimitStore} on PostgreSQL through plain JDBC, so the limits of docs/protocol.md#v01-7 hold for the fleet
 * rather than per replica: table {@code authmd_rate_limit} of {@code db/authmd/V1__schema.sql} (apply it with
 * {@link PostgresSchema}).
 *
 * <p>{@link #incrementAndGet} is one upsert that restarts an expired counter and returns the new value:
 *
 * <pre>{@code
 * INSERT INTO authmd_rate_limit AS r (key, count, expires_at) VALUES (?, 1, ?)
 * ON CONFLICT (key) DO UPDATE SET
 *     count      = CASE WHEN r.expires_at <= ?now THEN 1 ELSE r.count + 1 END,
 *     expires_at = CASE WHEN r.expires_at <= ?now THEN EXCLUDED.expires_at ELSE r.expires_at END
 * RETURNING count
 * }</pre>
 *
 * The row lock serialises concurrent increments of one key from any replica, so N of them return N distinct values. The
 * table is {@code UNLOGGED} (no WAL per request; emptied after a crash, which a fail-open limiter accepts) with free
 * space per page so increments are HOT updates.
 *
 * <p>{@link #sweep} deletes expired counters in batches of {@value #SWEEP_BATCH} with {@code FOR UPDATE SKIP LOCKED},
 * safe on every replica at once. Keys are the library's ({@code rl:<limit>:<scope>:<tenant>:<subject>:<window>}, email
 * addresses already hashed).
 *
 * <p>Each call borrows one connection from the host's {@link DataSource}. Failures are
 * {@link dev.authmd.spi.store.StoreException}s (the limiter then fails open). Thread-safe.
 */
public final class JdbcRateLimitStore implements RateLimitStore {

    /** Counters one sweep statement deletes at most. */
    static final int SWEEP_BATCH = 5_000;

    static final String INCREMENT = "INSERT INTO authmd_rate_limit AS r (key, count, expires_at)"
            + " VALUES (?, 1, ?) ON CONFLICT (key) DO UPDATE SET"
            + " count = CASE WHEN r.expires_at <= ? THEN 1 ELSE r.count + 1 END,"
            + " expires_at = CASE WHEN r.expires_at <= ? THEN EXCLUDED.expires_at ELSE r.expires_at END"
            + " RETURNING count";

    static final String GET = "SELECT count FROM authmd_rate_limit WHERE key = ? AND expires_at > ?";

    static final String SWEEP = "WITH due AS (SELECT key FROM authmd_rate_limit WHERE expires_at <= ?"
            + " ORDER BY expires_at LIMIT " + SWEEP_BATCH + " FOR UPDATE SKIP LOCKED)"
            + " DELETE FROM authmd_rate_limit r USING due WHERE r.key = due.key AND r.expires_at <= ?";

    private final Sql sql;

    /**
     * Creates a rate-limit store over the host's connection pool.
     *
     * @param dataSource the host's pool; the schema must already be applied ({@link PostgresSchema})
     */
    public JdbcRateLimitStore(DataSource dataSource) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource cannot be null"));
    }

    @Override
    public long incrementAndGet(String key, Instant now, Instant expiresAt) {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt must be after now");
        }
        return sql.run("increment rate-limit counter", c -> {
            try (PreparedStatement ps = c.prepareStatement(INCREMENT)) {
                ps.setString(1, key);
                Sql.setInstant(ps, 2, expiresAt);
                Sql.setInstant(ps, 3, now);
                Sql.setInstant(ps, 4, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public long get(String key, Instant now) {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        return sql.run("read rate-limit counter", c -> {
            try (PreparedStatement ps = c.prepareStatement(GET)) {
                ps.setString(1, key);
                Sql.setInstant(ps, 2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return sql.deleteInBatches("sweep rate-limit counters", SWEEP, SWEEP_BATCH, now);
    }

    @Override
    public String toString() {
        return "JdbcRateLimitStore[authmd_rate_limit]";
    }
}
