package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.Delegation;
import dev.authmd.spi.store.DelegationStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link DelegationStore} on PostgreSQL through plain JDBC: table {@code authmd_delegation} of
 * {@code db/authmd/V1__schema.sql} (apply it with {@link PostgresSchema}).
 *
 * <p>{@link #insert} is one {@code INSERT … ON CONFLICT DO NOTHING} on the primary key {@code (tenant_id, issuer,
 * subject)}, so exactly one of many replicas linking the same pair wins; {@link #find} and {@link #delete} use that
 * key, {@link #findByUser} the index {@code (tenant_id, user_id, created_at, issuer, subject)} in order.
 *
 * <p>Each call borrows one connection from the host's {@link DataSource} and is its own transaction. Failures are
 * {@link dev.authmd.spi.store.StoreException}s that never quote a value. Thread-safe.
 */
public final class JdbcDelegationStore implements DelegationStore {

    private static final String COLUMNS = "tenant_id, issuer, subject, user_id, created_at";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM authmd_delegation";

    static final String INSERT =
            "INSERT INTO authmd_delegation (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)" + " ON CONFLICT DO NOTHING";
    static final String FIND = SELECT + " WHERE tenant_id = ? AND issuer = ? AND subject = ?";
    static final String DELETE = "DELETE FROM authmd_delegation WHERE tenant_id = ? AND issuer = ? AND subject = ?";
    static final String BY_USER = SELECT + " WHERE tenant_id = ? AND user_id = ? ORDER BY created_at, issuer, subject";

    private final Sql sql;

    /**
     * Creates a delegation store over the host's connection pool.
     *
     * @param dataSource the host's pool; the schema must already be applied ({@link PostgresSchema})
     */
    public JdbcDelegationStore(DataSource dataSource) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource cannot be null"));
    }

    @Override
    public boolean insert(Delegation delegation) {
        Objects.requireNonNull(delegation, "delegation cannot be null");
        return sql.run("insert delegation", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, delegation.tenantId());
                ps.setString(2, delegation.issuer());
                ps.setString(3, delegation.subject());
                ps.setString(4, delegation.userId());
                Sql.setInstant(ps, 5, delegation.createdAt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Delegation> find(String tenantId, String issuer, String subject) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        List<Delegation> found = query("find delegation", FIND, tenantId, issuer, subject);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public boolean delete(String tenantId, String issuer, String subject) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        return sql.run("delete delegation", c -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                ps.setString(1, tenantId);
                ps.setString(2, issuer);
                ps.setString(3, subject);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Delegation> findByUser(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        return Collections.unmodifiableList(query("find delegations by user", BY_USER, tenantId, userId));
    }

    private List<Delegation> query(String operation, String query, String... params) {
        return sql.run(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                List<Delegation> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Delegation(
                                rs.getString("tenant_id"),
                                rs.getString("issuer"),
                                rs.getString("subject"),
                                rs.getString("user_id"),
                                Sql.getInstant(rs, "created_at")));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public String toString() {
        return "JdbcDelegationStore[authmd_delegation]";
    }
}
