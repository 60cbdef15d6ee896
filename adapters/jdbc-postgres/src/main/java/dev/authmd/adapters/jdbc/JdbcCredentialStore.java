package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.Credential;
import dev.authmd.spi.store.CredentialStore;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link CredentialStore} on PostgreSQL through plain JDBC: table {@code authmd_credential} of
 * {@code db/authmd/V1__schema.sql} (apply it with {@link PostgresSchema}).
 *
 * <p>{@link #insert} is one {@code INSERT … ON CONFLICT DO NOTHING} over the primary key {@code (tenant_id, id)} and
 * the unique index {@code (tenant_id, secret_hash)}: a taken id or hash answers {@code false}, never an error,
 * whichever replica loses the race. {@link #update} is one {@code UPDATE … WHERE version = ?} that also matches the id,
 * secret hash and registration, and {@link #revokeByRegistration} one set-based {@code UPDATE}. {@link #findByHash}, on
 * every authenticated call, reads the unique index and nothing else; {@link #findByRegistration} reads
 * {@code (tenant_id, registration_id, issued_at, id)} in order. {@link #sweep} deletes expired rows in batches.
 *
 * <p>Each call borrows one connection from the host's {@link DataSource} and is its own transaction. Instants are kept
 * to the microsecond. Failures are {@link StoreException}s that never quote a value. Thread-safe.
 */
public final class JdbcCredentialStore implements CredentialStore {

    private static final String COLUMNS = "tenant_id, id, secret_hash, type, registration_id, user_id, scopes,"
            + " issued_at, expires_at, revoked_at, version";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM authmd_credential";

    static final String BY_HASH = SELECT + " WHERE tenant_id = ? AND secret_hash = ?";
    /** Rows one sweep statement deletes at most. */
    static final int SWEEP_BATCH = 5_000;

    static final String SWEEP = "WITH due AS (SELECT tenant_id, id FROM authmd_credential"
            + " WHERE expires_at <= ? ORDER BY expires_at LIMIT " + SWEEP_BATCH + " FOR UPDATE SKIP LOCKED)"
            + " DELETE FROM authmd_credential t USING due WHERE t.tenant_id = due.tenant_id AND t.id = due.id";
    static final String BY_REGISTRATION =
            SELECT + " WHERE tenant_id = ? AND registration_id = ? ORDER BY issued_at, id";

    static final String INSERT = "INSERT INTO authmd_credential (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    static final String UPDATE = "UPDATE authmd_credential SET type = ?, user_id = ?, scopes = ?,"
            + " issued_at = ?, expires_at = ?, revoked_at = ?, version = ?"
            + " WHERE tenant_id = ? AND id = ? AND secret_hash = ? AND registration_id = ? AND version = ?";

    static final String DELETE_BY_REGISTRATION =
            "DELETE FROM authmd_credential WHERE tenant_id = ? AND registration_id = ?";
    static final String REVOKE = "UPDATE authmd_credential SET revoked_at = ?, version = version + 1"
            + " WHERE tenant_id = ? AND registration_id = ? AND revoked_at IS NULL";

    private final Sql sql;

    /**
     * Creates a credential store over the host's connection pool.
     *
     * @param dataSource the host's pool; the schema must already be applied ({@link PostgresSchema})
     */
    public JdbcCredentialStore(DataSource dataSource) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource cannot be null"));
    }

    @Override
    public boolean insert(Credential credential) {
        Objects.requireNonNull(credential, "credential cannot be null");
        if (credential.version() != 0) {
            throw new IllegalArgumentException("a new credential must have version 0");
        }
        return sql.run("insert credential", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, credential.tenantId());
                ps.setString(2, credential.id());
                ps.setString(3, credential.secretHash());
                ps.setString(4, credential.type().wireName());
                ps.setString(5, credential.registrationId());
                ps.setString(6, credential.userId());
                Sql.setTextArray(c, ps, 7, credential.scopes());
                Sql.setInstant(ps, 8, credential.issuedAt());
                Sql.setInstant(ps, 9, credential.expiresAt());
                Sql.setInstant(ps, 10, credential.revokedAt());
                ps.setLong(11, credential.version());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Credential> findByHash(String tenantId, String secretHash) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(secretHash, "secretHash cannot be null");
        List<Credential> found = query("find credential by hash", BY_HASH, tenantId, secretHash);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<Credential> findByRegistration(String tenantId, String registrationId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        return Collections.unmodifiableList(
                query("find credentials by registration", BY_REGISTRATION, tenantId, registrationId));
    }

    @Override
    public boolean update(long expectedVersion, Credential next) {
        Objects.requireNonNull(next, "next cannot be null");
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("next.version must be expectedVersion + 1");
        }
        return sql.run("update credential", c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                ps.setString(1, next.type().wireName());
                ps.setString(2, next.userId());
                Sql.setTextArray(c, ps, 3, next.scopes());
                Sql.setInstant(ps, 4, next.issuedAt());
                Sql.setInstant(ps, 5, next.expiresAt());
                Sql.setInstant(ps, 6, next.revokedAt());
                ps.setLong(7, next.version());
                ps.setString(8, next.tenantId());
                ps.setString(9, next.id());
                ps.setString(10, next.secretHash());
                ps.setString(11, next.registrationId());
                ps.setLong(12, expectedVersion);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code UPDATE … WHERE revoked_at IS NULL}: atomic, and a concurrent versioned {@link #update} of one of
     * those credentials either lands before it (and is revoked with the rest) or loses its compare-and-set.
     */
    @Override
    public int revokeByRegistration(String tenantId, String registrationId, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
        return sql.run("revoke credentials of a registration", c -> {
            try (PreparedStatement ps = c.prepareStatement(REVOKE)) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, tenantId);
                ps.setString(3, registrationId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code DELETE} through the index by {@code (tenant_id, registration_id)}.
     */
    @Override
    public int deleteByRegistration(String tenantId, String registrationId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        return sql.run("delete credentials of a registration", c -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE_BY_REGISTRATION)) {
                ps.setString(1, tenantId);
                ps.setString(2, registrationId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Deletes in batches of {@value #SWEEP_BATCH} through the partial index on {@code expires_at} (schema version
     * 7), each batch {@code FOR UPDATE SKIP LOCKED}, so replicas sweeping at once split the work.
     */
    @Override
    public int sweep(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        return sql.deleteInBatches("sweep expired credentials", SWEEP, SWEEP_BATCH, now);
    }

    private List<Credential> query(String operation, String query, String first, String second) {
        return sql.run(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setString(1, first);
                ps.setString(2, second);
                List<Credential> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
                return found;
            }
        });
    }

    private static Credential read(ResultSet rs) throws SQLException {
        CredentialType type = CredentialType.fromWireName(rs.getString("type"))
                .orElseThrow(() -> new StoreException("authmd_credential.type holds a value this library does not"
                        + " know; is the schema newer than the library?"));
        return new Credential(
                rs.getString("tenant_id"),
                rs.getString("id"),
                rs.getString("secret_hash"),
                type,
                rs.getString("registration_id"),
                rs.getString("user_id"),
                Sql.getTextArray(rs, "scopes"),
                Sql.getInstant(rs, "issued_at"),
                Sql.getInstant(rs, "expires_at"),
                Sql.getInstant(rs, "revoked_at"),
                rs.getLong("version"));
    }

    @Override
    public String toString() {
        return "JdbcCredentialStore[authmd_credential]";
    }
}
