package dev.authmd.adapters.jdbc;

import dev.authmd.spi.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Creates and upgrades the tables the JDBC stores use, from the SQL scripts shipped in this jar under
 * {@code db/authmd/} ({@code V1__schema.sql}, …).
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);
 * new PostgresSchema(pool).migrate();        // at start-up, on every replica
 * RegistrationStore registrations = new JdbcRegistrationStore(pool);
 * }</pre>
 *
 * <p>{@link #migrate} runs in one transaction (PostgreSQL's DDL is transactional) under a transaction-scoped advisory
 * lock, so replicas starting together apply each script once and the others wait, then find it recorded in
 * {@code authmd_schema_version}. The scripts themselves are idempotent ({@code CREATE … IF NOT EXISTS}), so a schema
 * applied by hand, with psql or by Flyway ({@code locations=classpath:db/authmd}), is left as it is. A database whose
 * recorded version is newer than this library knows is refused rather than touched.
 *
 * <p>The role used needs {@code CREATE} on the target schema (the first of the {@code search_path}; set
 * {@code currentSchema} on the JDBC URL to choose one). Thread-safe.
 */
public final class PostgresSchema {

    /** The schema version this library writes and reads. */
    public static final int VERSION = 8;

    /** Advisory lock key: the ASCII bytes of "authmd" as a number. */
    private static final long LOCK_KEY = 107_157_092_068_708L;

    private static final List<Migration> MIGRATIONS = List.of(
            new Migration(
                    1,
                    "registrations, credentials, delegations, replay cache, rate limits",
                    "/db/authmd/V1__schema.sql"),
            new Migration(2, "issued identity assertions", "/db/authmd/V2__issued_assertions.sql"),
            new Migration(3, "refresh tokens", "/db/authmd/V3__refresh_tokens.sql"),
            new Migration(4, "access tokens bound to a resource", "/db/authmd/V4__access_tokens.sql"),
            new Migration(5, "the wire profile of each registration", "/db/authmd/V5__registration_profile.sql"),
            new Migration(6, "the user's decision on a claim attempt", "/db/authmd/V6__claim_attempt_decision.sql"),
            new Migration(7, "an index to sweep expired credentials", "/db/authmd/V7__credential_expiry.sql"),
            new Migration(8, "when a registration ended, for retention", "/db/authmd/V8__registration_retention.sql"));

    private final DataSource dataSource;

    /**
     * Creates a schema installer for the given data source.
     *
     * @param dataSource where to create the tables
     */
    public PostgresSchema(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource cannot be null");
    }

    /**
     * Applies every script not yet recorded, in order, and records each.
     *
     * @return the schema version in place afterwards, {@link #VERSION}
     * @throws StoreException when the database cannot be reached, a script fails (nothing is changed then), or the
     *     database holds a newer schema than this library knows
     */
    public int migrate() {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int version = lockAndReadVersion(c);
                if (version > VERSION) {
                    throw new StoreException("database schema version " + version + " is newer than this library"
                            + " knows (" + VERSION + "); upgrade the library");
                }
                for (Migration m : MIGRATIONS) {
                    if (m.version > version) {
                        apply(c, m);
                        version = m.version;
                    }
                }
                c.commit();
                return version;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw Sql.storeException("migrate authmd schema", e);
        }
    }

    /**
     * {@return the version recorded in {@code authmd_schema_version}, 0 when the schema was never applied}
     *
     * @throws StoreException when the database cannot be reached
     */
    public int currentVersion() {
        return new Sql(dataSource).run("read authmd schema version", c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT to_regclass('authmd_schema_version') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            return readVersion(c);
        });
    }

    private static int lockAndReadVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            s.execute("CREATE TABLE IF NOT EXISTS authmd_schema_version (version integer NOT NULL PRIMARY KEY,"
                    + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        }
        return readVersion(c);
    }

    private static int readVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM authmd_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection c, Migration m) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(m.script());
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO authmd_schema_version (version, description) VALUES (?, ?)")) {
            ps.setInt(1, m.version);
            ps.setString(2, m.description);
            ps.executeUpdate();
        }
    }

    /**
     * {@return the script's SQL text, as shipped in this jar}
     *
     * @param version the schema version a script brings the database to
     * @throws IllegalArgumentException when no script has that version
     */
    public static String script(int version) {
        for (Migration m : MIGRATIONS) {
            if (m.version == version) {
                return m.script();
            }
        }
        throw new IllegalArgumentException("no schema script for version " + version);
    }

    /** One shipped script. */
    private record Migration(int version, String description, String resource) {
        String script() {
            try (InputStream in = PostgresSchema.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    @Override
    public String toString() {
        return "PostgresSchema[version " + VERSION + "]";
    }
}
