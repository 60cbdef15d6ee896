package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.ReplayCache;
import dev.authmd.spi.store.ReplayKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link ReplayCache} on PostgreSQL through plain JDBC, shared by every replica: table {@code authmd_replay} of
 * {@code db/authmd/V1__schema.sql} (apply it with {@link PostgresSchema}). This is what makes a {@code jti} single-use
 * across a fleet (docs/protocol.md#v01-3a-step-9).
 *
 * <p>{@link #markUsed} is one statement that treats an expired entry as absent, atomically:
 *
 * <pre>{@code
 * INSERT INTO authmd_replay AS r (key_hash, retain_until) VALUES (?, ?)
 * ON CONFLICT (key_hash) DO UPDATE SET retain_until = EXCLUDED.retain_until
 *     WHERE r.retain_until <= ?now
 * RETURNING 1
 * }</pre>
 *
 * A row comes back only to the caller that inserted the key or took over its expired entry; PostgreSQL's row lock makes
 * every other concurrent caller, on any replica, see the new retention and get {@code false}. The key column is the
 * SHA-256 of the length-prefixed namespace, issuer and {@code jti}: fixed width and unambiguous whatever a provider
 * puts in a {@code jti}, and no provider identifiers rest in the table.
 *
 * <p>{@link #sweep} deletes expired entries in batches of {@value #SWEEP_BATCH}, each its own short statement that
 * locks its batch with {@code FOR UPDATE SKIP LOCKED}: replicas sweeping at once split the work instead of waiting on
 * each other, and a key being re-marked at that moment is skipped, not deleted.
 *
 * <p>Each call borrows one connection from the host's {@link DataSource}. Failures are
 * {@link dev.authmd.spi.store.StoreException}s (the library then rejects the assertion: it never fails open on replay).
 * Thread-safe.
 */
public final class JdbcReplayCache implements ReplayCache {

    /** Entries one sweep statement deletes at most. */
    static final int SWEEP_BATCH = 5_000;

    static final String MARK = "INSERT INTO authmd_replay AS r (key_hash, retain_until) VALUES (?, ?)"
            + " ON CONFLICT (key_hash) DO UPDATE SET retain_until = EXCLUDED.retain_until"
            + " WHERE r.retain_until <= ? RETURNING 1";

    static final String SWEEP = "WITH due AS (SELECT key_hash FROM authmd_replay WHERE retain_until <= ?"
            + " ORDER BY retain_until LIMIT " + SWEEP_BATCH + " FOR UPDATE SKIP LOCKED)"
            + " DELETE FROM authmd_replay r USING due WHERE r.key_hash = due.key_hash AND r.retain_until <= ?";

    private final Sql sql;

    /**
     * Creates a replay cache over the host's connection pool.
     *
     * @param dataSource the host's pool; the schema must already be applied ({@link PostgresSchema})
     */
    public JdbcReplayCache(DataSource dataSource) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource cannot be null"));
    }

    @Override
    public boolean markUsed(ReplayKey key, Instant now, Instant retainUntil) {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        Objects.requireNonNull(retainUntil, "retainUntil cannot be null");
        if (!retainUntil.isAfter(now)) {
            throw new IllegalArgumentException("retainUntil must be after now");
        }
        byte[] keyHash = keyHash(key);
        return sql.run("mark assertion used", c -> {
            try (PreparedStatement ps = c.prepareStatement(MARK)) {
                ps.setBytes(1, keyHash);
                Sql.setInstant(ps, 2, retainUntil);
                Sql.setInstant(ps, 3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return sql.deleteInBatches("sweep replay cache", SWEEP, SWEEP_BATCH, now);
    }

    /**
     * {@return SHA-256 of its namespace, issuer and jti, each as a 4-byte length and its UTF-8 bytes}
     *
     * @param key a replay key
     */
    static byte[] keyHash(ReplayKey key) {
        byte[][] parts = {
            key.namespace().getBytes(StandardCharsets.UTF_8),
            key.issuer().getBytes(StandardCharsets.UTF_8),
            key.jti().getBytes(StandardCharsets.UTF_8),
        };
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(
                        ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcReplayCache[authmd_replay]";
    }
}
