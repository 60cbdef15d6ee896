package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.AccessToken;
import dev.authmd.spi.store.AccessTokenStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link AccessTokenStore} on PostgreSQL through plain JDBC: table {@code authmd_access_token} of
 * {@code db/authmd/V4__access_tokens.sql} (apply it with {@link PostgresSchema}).
 *
 * <p>{@link #insert} is one {@code INSERT … ON CONFLICT DO NOTHING} on the primary key {@code (tenant_id, token_hash)};
 * every revocation is one {@code UPDATE … WHERE revoked_at IS NULL}, so each token is revoked once and keeps its first
 * instant. The partial index on the usable tokens of a registration (and assertion) serves {@link #revokeAll};
 * {@link #sweep} deletes expired rows in batches of {@value #SWEEP_BATCH} with {@code FOR UPDATE SKIP LOCKED}.
 *
 * <p>Each call borrows one connection from the host's {@link DataSource} and is its own transaction. Failures are
 * {@link dev.authmd.spi.store.StoreException}s that never quote a value. Thread-safe.
 */
public final class JdbcAccessTokenStore implements AccessTokenStore {

    /** Rows one sweep statement deletes at most. */
    static final int SWEEP_BATCH = 5_000;

    private static final String COLUMNS = "tenant_id, token_hash, registration_id, user_id, scopes, resource,"
            + " assertion_jti, issued_at, expires_at, revoked_at";

    static final String INSERT = "INSERT INTO authmd_access_token (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT DO NOTHING";
    static final String FIND = "SELECT " + COLUMNS + " FROM authmd_access_token WHERE tenant_id = ? AND token_hash = ?";
    static final String REVOKE = "UPDATE authmd_access_token SET revoked_at = ?"
            + " WHERE tenant_id = ? AND token_hash = ? AND revoked_at IS NULL";
    static final String REVOKE_BY_REGISTRATION = "UPDATE authmd_access_token SET revoked_at = ?"
            + " WHERE tenant_id = ? AND registration_id = ? AND revoked_at IS NULL";
    static final String REVOKE_BY_ASSERTION = "UPDATE authmd_access_token SET revoked_at = ?"
            + " WHERE tenant_id = ? AND registration_id = ? AND assertion_jti = ? AND revoked_at IS NULL";
    static final String SWEEP = "WITH due AS (SELECT tenant_id, token_hash FROM authmd_access_token"
            + " WHERE expires_at <= ? ORDER BY expires_at LIMIT " + SWEEP_BATCH + " FOR UPDATE SKIP LOCKED)"
            + " DELETE FROM authmd_access_token t USING due"
            + " WHERE t.tenant_id = due.tenant_id AND t.token_hash = due.token_hash";

    private final Sql sql;

    /**
     * Creates the store over the host's connection pool.
     *
     * @param dataSource the host's pool; the schema must already be applied ({@link PostgresSchema})
     */
    public JdbcAccessTokenStore(DataSource dataSource) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource cannot be null"));
    }

    @Override
    public boolean insert(AccessToken token) {
        Objects.requireNonNull(token, "token cannot be null");
        if (token.revokedAt() != null) {
            throw new IllegalArgumentException("a new token cannot be revoked");
        }
        return sql.run("insert access token", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, token.tenantId());
                ps.setString(2, token.tokenHash());
                ps.setString(3, token.registrationId());
                ps.setString(4, token.userId());
                Sql.setTextArray(c, ps, 5, token.scopes());
                ps.setString(6, token.resource());
                ps.setString(7, token.assertionJti());
                Sql.setInstant(ps, 8, token.issuedAt());
                Sql.setInstant(ps, 9, token.expiresAt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<AccessToken> findByHash(String tenantId, String tokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        return sql.run("find access token", c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, tenantId);
                ps.setString(2, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<AccessToken>empty();
                    }
                    return Optional.of(new AccessToken(
                            rs.getString("tenant_id"),
                            rs.getString("token_hash"),
                            rs.getString("registration_id"),
                            rs.getString("user_id"),
                            Sql.getTextArray(rs, "scopes"),
                            rs.getString("resource"),
                            rs.getString("assertion_jti"),
                            Sql.getInstant(rs, "issued_at"),
                            Sql.getInstant(rs, "expires_at"),
                            Sql.getInstant(rs, "revoked_at")));
                }
            }
        });
    }

    @Override
    public boolean revoke(String tenantId, String tokenHash, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        return sql.run("revoke access token", c -> {
            try (PreparedStatement ps = c.prepareStatement(REVOKE)) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, tenantId);
                ps.setString(3, tokenHash);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int revokeAll(String tenantId, String registrationId, @Nullable String assertionJti, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        return sql.run("revoke access tokens", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement(assertionJti == null ? REVOKE_BY_REGISTRATION : REVOKE_BY_ASSERTION)) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, tenantId);
                ps.setString(3, registrationId);
                if (assertionJti != null) {
                    ps.setString(4, assertionJti);
                }
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return sql.deleteInBatches("sweep access tokens", SWEEP, SWEEP_BATCH, now);
    }

    @Override
    public String toString() {
        return "JdbcAccessTokenStore[authmd_access_token]";
    }
}
