package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.AssertionState;
import dev.authmd.spi.store.IssuedAssertion;
import dev.authmd.spi.store.IssuedAssertionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link IssuedAssertionStore} on PostgreSQL through plain JDBC: table {@code authmd_issued_assertion} of
 * {@code db/authmd/V2__issued_assertions.sql} (apply it with {@link PostgresSchema}).
 *
 * <p>{@link #insert} is one {@code INSERT … ON CONFLICT DO NOTHING} on the primary key {@code (tenant_id, jti)};
 * {@link #retire} and {@link #retireByRegistration} are one {@code UPDATE … WHERE state = 'active'} each, so of many
 * replicas retiring one record exactly one changes it, and a record never leaves a retired state. The partial index on
 * the active records of a registration serves {@link #retireByRegistration}; {@link #sweep} deletes expired rows in
 * batches of {@value #SWEEP_BATCH} with {@code FOR UPDATE SKIP LOCKED}, as the replay cache does.
 *
 * <p>Each call borrows one connection from the host's {@link DataSource} and is its own transaction. Failures are
 * {@link dev.authmd.spi.store.StoreException}s that never quote a value. Thread-safe.
 */
public final class JdbcIssuedAssertionStore implements IssuedAssertionStore {

    /** Rows one sweep statement deletes at most. */
    static final int SWEEP_BATCH = 5_000;

    private static final String COLUMNS = "tenant_id, jti, registration_id, issued_at, expires_at, state, retired_at";

    static final String INSERT = "INSERT INTO authmd_issued_assertion (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, 'active', NULL) ON CONFLICT DO NOTHING";
    static final String FIND = "SELECT " + COLUMNS + " FROM authmd_issued_assertion WHERE tenant_id = ? AND jti = ?";
    static final String RETIRE = "UPDATE authmd_issued_assertion SET state = ?, retired_at = ?"
            + " WHERE tenant_id = ? AND jti = ? AND state = 'active'";
    static final String RETIRE_BY_REGISTRATION = "UPDATE authmd_issued_assertion SET state = ?, retired_at = ?"
            + " WHERE tenant_id = ? AND registration_id = ? AND state = 'active'";
    static final String SWEEP = "WITH due AS (SELECT tenant_id, jti FROM authmd_issued_assertion WHERE expires_at <= ?"
            + " ORDER BY expires_at LIMIT " + SWEEP_BATCH + " FOR UPDATE SKIP LOCKED)"
            + " DELETE FROM authmd_issued_assertion a USING due"
            + " WHERE a.tenant_id = due.tenant_id AND a.jti = due.jti";

    private final Sql sql;

    /**
     * Creates the store over the host's connection pool.
     *
     * @param dataSource the host's pool; the schema must already be applied ({@link PostgresSchema})
     */
    public JdbcIssuedAssertionStore(DataSource dataSource) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource cannot be null"));
    }

    @Override
    public boolean insert(IssuedAssertion assertion) {
        Objects.requireNonNull(assertion, "assertion cannot be null");
        if (assertion.state() != AssertionState.ACTIVE) {
            throw new IllegalArgumentException("a new record must be active");
        }
        return sql.run("insert issued assertion", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, assertion.tenantId());
                ps.setString(2, assertion.jti());
                ps.setString(3, assertion.registrationId());
                Sql.setInstant(ps, 4, assertion.issuedAt());
                Sql.setInstant(ps, 5, assertion.expiresAt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<IssuedAssertion> find(String tenantId, String jti) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
        return sql.run("find issued assertion", c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, tenantId);
                ps.setString(2, jti);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<IssuedAssertion>empty();
                    }
                    return Optional.of(new IssuedAssertion(
                            rs.getString("tenant_id"),
                            rs.getString("jti"),
                            rs.getString("registration_id"),
                            Sql.getInstant(rs, "issued_at"),
                            Sql.getInstant(rs, "expires_at"),
                            AssertionState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                            Sql.getInstant(rs, "retired_at")));
                }
            }
        });
    }

    @Override
    public boolean retire(String tenantId, String jti, AssertionState next, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(jti, "jti cannot be null");
        String state = retiredState(next);
        Objects.requireNonNull(at, "at cannot be null");
        return sql.run("retire issued assertion", c -> {
            try (PreparedStatement ps = c.prepareStatement(RETIRE)) {
                ps.setString(1, state);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, tenantId);
                ps.setString(4, jti);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int retireByRegistration(String tenantId, String registrationId, AssertionState next, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        String state = retiredState(next);
        Objects.requireNonNull(at, "at cannot be null");
        return sql.run("retire issued assertions of a registration", c -> {
            try (PreparedStatement ps = c.prepareStatement(RETIRE_BY_REGISTRATION)) {
                ps.setString(1, state);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, tenantId);
                ps.setString(4, registrationId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return sql.deleteInBatches("sweep issued assertions", SWEEP, SWEEP_BATCH, now);
    }

    private static String retiredState(AssertionState next) {
        Objects.requireNonNull(next, "next cannot be null");
        if (next == AssertionState.ACTIVE) {
            throw new IllegalArgumentException("a record is retired to SUPERSEDED or REVOKED, never back to ACTIVE");
        }
        return next.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "JdbcIssuedAssertionStore[authmd_issued_assertion]";
    }
}
