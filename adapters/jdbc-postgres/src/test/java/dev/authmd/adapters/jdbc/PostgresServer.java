package dev.authmd.adapters.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving a test class a fresh database, with the authmd schema applied, on a real PostgreSQL server
 * ({@link LocalPostgres}) started from the distribution's binaries.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresServer POSTGRES = new PostgresServer();
 * ... new JdbcReplayCache(POSTGRES.dataSource()) ...
 * }</pre>
 *
 * <p>One server serves the whole test run: the first class to need it starts it under {@code target/}, and JUnit stops
 * it (and deletes its directory) when the run ends. Each class gets its own database, created before its first test and
 * dropped after its last. {@link #truncate()} empties the authmd tables between tests.
 *
 * <p>Missing binaries: with {@code CI=true} the class fails with the command that installs them; elsewhere every test
 * is reported as skipped, with that command as the reason, and the server is not started.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback, ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresServer.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final int poolSize;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private LocalPostgres server;
    private String database;
    private HikariDataSource dataSource;

    /** A pool of 16 connections per {@link #newPool} and for {@link #dataSource()}. */
    public PostgresServer() {
        this(16);
    }

    /** @param poolSize connections per pool */
    public PostgresServer(int poolSize) {
        this.poolSize = poolSize;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // per test, not per class: a skipped class would be reported as "0 tests run" instead of skipped tests
        if (context.getTestMethod().isPresent() && LocalPostgres.skippedHere()) {
            return ConditionEvaluationResult.disabled(LocalPostgres.MISSING_MESSAGE);
        }
        return ConditionEvaluationResult.enabled("PostgreSQL is installed, or CI requires it");
    }

    /** @return whether the server runs for this class (false only when its tests are skipped) */
    public boolean running() {
        return server != null;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (LocalPostgres.skippedHere()) {
            System.err.println("*** SKIPPED: " + LocalPostgres.MISSING_MESSAGE + " ***");
            return;
        }
        server = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        LocalPostgres.class,
                        k -> LocalPostgres.start(Path.of("target"), LocalPostgres.Settings.forTests()),
                        LocalPostgres.class);
        database = LocalPostgres.databaseNameFor(
                "t_", context.getRequiredTestClass().getSimpleName(), DATABASES.incrementAndGet());
        server.createDatabase(database);
        dataSource = newPool("main");
        new PostgresSchema(dataSource).migrate();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        if (server != null && database != null) {
            server.dropDatabase(database);
        }
    }

    /** @return the class's database, schema applied */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return the server */
    public LocalPostgres server() {
        return server;
    }

    /** @return the JDBC URL of the class's database */
    public String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    /**
     * A second (third, …) pool to the class's database: what another service replica holds. Closed after the class.
     *
     * @param name a name for the pool's threads
     * @return the pool
     */
    public HikariDataSource newPool(String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(database));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setPoolName("pg-" + database + "-" + name);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /** Empties every authmd table (the schema version stays). */
    public void truncate() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE authmd_registration, authmd_credential, authmd_delegation, authmd_replay,"
                    + " authmd_rate_limit, authmd_issued_assertion, authmd_refresh_token, authmd_access_token");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot truncate the authmd tables", e);
        }
    }
}
