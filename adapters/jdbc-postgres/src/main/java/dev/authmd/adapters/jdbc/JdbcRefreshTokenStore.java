package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RefreshTokenState;
import dev.authmd.spi.store.RefreshTokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link RefreshTokenStore} on PostgreSQL through plain JDBC: table {@code authmd_refresh_token} of
 * {@code db/authmd/V3__refresh_tokens.sql} (apply it with {@link PostgresSchema}).
 *
 * <p>Every write to a registration's tokens — {@link #insert}, {@link #rotate}, {@link #revokeByRegistration} — is one
 * transaction that first takes a transaction-scoped advisory lock on {@code (tenant, registration)}. A rotation then
 * reads the spent row {@code FOR UPDATE}, inserts the successor ({@code ON CONFLICT DO NOTHING}) and marks the spent
 * row ({@code WHERE state = 'active'}); a revocation that waited on the lock starts its statement after the rotation
 * committed, so it sees, and revokes, the successor too. (Without the lock a READ COMMITTED {@code UPDATE} would not
 * see a row inserted after it began, and a successor could outlive the revocation.)
 *
 * <p>Each call borrows one connection from the host's {@link DataSource}. Failures are
 * {@link dev.authmd.spi.store.StoreException}s that never quote a value. Thread-safe.
 */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {

    /** Rows one sweep statement deletes at most. */
    static final int SWEEP_BATCH = 5_000;

    /** The advisory-lock class of refresh-token writes: "RTKN". */
    private static final int LOCK_CLASS = 0x52544b4e;

    private static final String COLUMNS = "tenant_id, token_hash, family_id, registration_id, generation, issued_at,"
            + " expires_at, state, spent_at, successor_hash";

    static final String LOCK = "SELECT pg_advisory_xact_lock(?, ?)";
    static final String INSERT = "INSERT INTO authmd_refresh_token (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'active', NULL, NULL) ON CONFLICT DO NOTHING";
    static final String FIND =
            "SELECT " + COLUMNS + " FROM authmd_refresh_token WHERE tenant_id = ? AND token_hash = ?";
    static final String FIND_FOR_UPDATE = FIND + " FOR UPDATE";
    static final String SPEND = "UPDATE authmd_refresh_token SET state = 'spent', spent_at = ?, successor_hash = ?"
            + " WHERE tenant_id = ? AND token_hash = ? AND state = 'active'";
    static final String REVOKE_BY_REGISTRATION = "UPDATE authmd_refresh_token"
            + " SET state = 'revoked', spent_at = NULL, successor_hash = NULL"
            + " WHERE tenant_id = ? AND registration_id = ? AND state <> 'revoked'";
    static final String SWEEP = "WITH due AS (SELECT tenant_id, token_hash FROM authmd_refresh_token"
            + " WHERE expires_at <= ? ORDER BY expires_at LIMIT " + SWEEP_BATCH + " FOR UPDATE SKIP LOCKED)"
            + " DELETE FROM authmd_refresh_token t USING due"
            + " WHERE t.tenant_id = due.tenant_id AND t.token_hash = due.token_hash";

    private final Sql sql;

    /**
     * Creates the store over the host's connection pool.
     *
     * @param dataSource the host's pool; the schema must already be applied ({@link PostgresSchema})
     */
    public JdbcRefreshTokenStore(DataSource dataSource) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource cannot be null"));
    }

    @Override
    public boolean insert(RefreshToken token) {
        Objects.requireNonNull(token, "token cannot be null");
        if (token.state() != RefreshTokenState.ACTIVE) {
            throw new IllegalArgumentException("a new token must be active");
        }
        return sql.run(
                "insert refresh token",
                c -> inTransaction(c, tx -> {
                    lock(c, token.tenantId(), token.registrationId());
                    return insertActive(c, token);
                }));
    }

    @Override
    public Optional<RefreshToken> findByHash(String tenantId, String tokenHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        return sql.run("find refresh token", c -> find(c, FIND, tenantId, tokenHash));
    }

    @Override
    public boolean rotate(String tenantId, String spentHash, RefreshToken successor, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(spentHash, "spentHash cannot be null");
        Objects.requireNonNull(successor, "successor cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        if (successor.state() != RefreshTokenState.ACTIVE
                || !successor.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("the successor must be an active token of the same tenant");
        }
        return sql.run(
                "rotate refresh token",
                c -> inTransaction(c, tx -> {
                    lock(c, tenantId, successor.registrationId());
                    Optional<RefreshToken> found = find(c, FIND_FOR_UPDATE, tenantId, spentHash);
                    if (found.isEmpty() || found.get().state() != RefreshTokenState.ACTIVE) {
                        return false;
                    }
                    RefreshToken spent = found.get();
                    if (!spent.familyId().equals(successor.familyId())
                            || !spent.registrationId().equals(successor.registrationId())
                            || successor.generation() != spent.generation() + 1) {
                        throw new IllegalArgumentException(
                                "the successor must continue the spent token's family and registration at the next generation");
                    }
                    if (!insertActive(c, successor)) {
                        return false;
                    }
                    try (PreparedStatement ps = c.prepareStatement(SPEND)) {
                        Sql.setInstant(ps, 1, at);
                        ps.setString(2, successor.tokenHash());
                        ps.setString(3, tenantId);
                        ps.setString(4, spentHash);
                        if (ps.executeUpdate() != 1) {
                            throw new IllegalStateException("the spent token changed under its row lock");
                        }
                    }
                    return true;
                }));
    }

    @Override
    public int revokeByRegistration(String tenantId, String registrationId, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        return sql.run(
                "revoke refresh tokens of a registration",
                c -> inTransaction(c, tx -> {
                    lock(c, tenantId, registrationId);
                    try (PreparedStatement ps = c.prepareStatement(REVOKE_BY_REGISTRATION)) {
                        ps.setString(1, tenantId);
                        ps.setString(2, registrationId);
                        return ps.executeUpdate();
                    }
                }));
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return sql.deleteInBatches("sweep refresh tokens", SWEEP, SWEEP_BATCH, now);
    }

    private static boolean insertActive(Connection c, RefreshToken token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, token.tenantId());
            ps.setString(2, token.tokenHash());
            ps.setString(3, token.familyId());
            ps.setString(4, token.registrationId());
            ps.setLong(5, token.generation());
            Sql.setInstant(ps, 6, token.issuedAt());
            Sql.setInstant(ps, 7, token.expiresAt());
            return ps.executeUpdate() == 1;
        }
    }

    private static Optional<RefreshToken> find(Connection c, String query, String tenantId, String tokenHash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, tenantId);
            ps.setString(2, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RefreshToken(
                        rs.getString("tenant_id"),
                        rs.getString("token_hash"),
                        rs.getString("family_id"),
                        rs.getString("registration_id"),
                        rs.getLong("generation"),
                        Sql.getInstant(rs, "issued_at"),
                        Sql.getInstant(rs, "expires_at"),
                        RefreshTokenState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                        Sql.getInstant(rs, "spent_at"),
                        rs.getString("successor_hash")));
            }
        }
    }

    /** Serialises the writes to one registration's tokens until the transaction ends. */
    private static void lock(Connection c, String tenantId, String registrationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, (tenantId + '\u0000' + registrationId).hashCode());
            ps.execute();
        }
    }

    /** Runs the statements as one transaction whatever the pool's auto-commit setting. */
    private static <T> T inTransaction(Connection c, Sql.Work<T> body) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = body.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    @Override
    public String toString() {
        return "JdbcRefreshTokenStore[authmd_refresh_token]";
    }
}
