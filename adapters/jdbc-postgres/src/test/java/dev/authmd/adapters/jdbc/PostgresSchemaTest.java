package dev.authmd.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.StoreException;
import java.sql.Connection;
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
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** {@link PostgresSchema} on empty, half-prepared and newer databases. */
class PostgresSchemaTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer(2);

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String name;
    private DataSource empty;

    @BeforeEach
    void emptyDatabase() {
        name = "schema_test_" + DATABASES.incrementAndGet();
        POSTGRES.server().createDatabase(name);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(POSTGRES.server().jdbcUrl(name));
        empty = ds;
    }

    @AfterEach
    void dropDatabase() {
        POSTGRES.server().dropDatabase(name);
    }

    @Test
    void migrateWhenDatabaseEmptyThenCreatesEveryTableAndRecordsEveryVersion() throws SQLException {
        assertThat(new PostgresSchema(empty).currentVersion()).isZero();

        assertThat(new PostgresSchema(empty).migrate()).isEqualTo(PostgresSchema.VERSION);

        assertThat(tables())
                .containsExactlyInAnyOrder(
                        "authmd_schema_version",
                        "authmd_registration",
                        "authmd_credential",
                        "authmd_delegation",
                        "authmd_replay",
                        "authmd_rate_limit",
                        "authmd_issued_assertion",
                        "authmd_refresh_token",
                        "authmd_access_token");
        assertThat(versionRows()).isEqualTo(PostgresSchema.VERSION);
        assertThat(new PostgresSchema(empty).currentVersion()).isEqualTo(PostgresSchema.VERSION);
    }

    @Test
    void migrateWhenRunAgainThenNothingChanges() throws SQLException {
        new PostgresSchema(empty).migrate();
        new JdbcDelegationStore(empty).insert(dev.authmd.testkit.StoreFixtures.delegation("t", "i", "s", "u"));

        assertThat(new PostgresSchema(empty).migrate()).isEqualTo(PostgresSchema.VERSION);

        assertThat(versionRows()).isEqualTo(PostgresSchema.VERSION);
        assertThat(new JdbcDelegationStore(empty).find("t", "i", "s")).isPresent();
    }

    @Test
    void migrateWhenManyReplicasStartAtOnceThenAppliedOnceAndAllSucceed() throws Exception {
        int replicas = 6;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                Callable<Integer> start = () -> {
                    gate.await();
                    return new PostgresSchema(empty).migrate();
                };
                results.add(pool.submit(start));
            }
            gate.countDown();
            for (Future<Integer> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(PostgresSchema.VERSION);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(versionRows()).isEqualTo(PostgresSchema.VERSION);
    }

    @Test
    void migrateWhenScriptWasAppliedByHandThenRecordsItWithoutError() throws SQLException {
        try (Connection c = empty.getConnection();
                Statement s = c.createStatement()) {
            for (int version = 1; version <= PostgresSchema.VERSION; version++) {
                s.execute(PostgresSchema.script(version));
                s.execute(PostgresSchema.script(version));
            }
        }

        assertThat(new PostgresSchema(empty).migrate()).isEqualTo(PostgresSchema.VERSION);

        assertThat(versionRows()).isEqualTo(PostgresSchema.VERSION);
    }

    @Test
    void migrateWhenDatabaseHoldsNewerSchemaThenRefusedAndUntouched() throws SQLException {
        new PostgresSchema(empty).migrate();
        execute("INSERT INTO authmd_schema_version (version, description) VALUES (99, 'from the future')");

        assertThatThrownBy(() -> new PostgresSchema(empty).migrate())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("version 99 is newer than this library knows (" + PostgresSchema.VERSION + ")");

        assertThat(versionRows()).isEqualTo(PostgresSchema.VERSION + 1);
    }

    @Test
    void scriptWhenUnknownVersionThenIllegalArgument() {
        assertThatThrownBy(() -> PostgresSchema.script(99)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migrateWhenDatabaseHoldsVersion1ThenAppliesTheLaterVersionsAndKeepsTheData() throws SQLException {
        try (Connection c = empty.getConnection();
                Statement s = c.createStatement()) {
            s.execute(PostgresSchema.script(1));
            s.execute("INSERT INTO authmd_schema_version (version, description) VALUES (1, 'by hand')");
        }
        new JdbcDelegationStore(empty).insert(dev.authmd.testkit.StoreFixtures.delegation("t", "i", "s", "u"));

        assertThat(new PostgresSchema(empty).migrate()).isEqualTo(PostgresSchema.VERSION);

        assertThat(tables()).contains("authmd_issued_assertion", "authmd_refresh_token", "authmd_access_token");
        assertThat(new JdbcDelegationStore(empty).find("t", "i", "s")).isPresent();
        assertThat(versionRows()).isEqualTo(PostgresSchema.VERSION);
    }

    @Test
    void migrateWhenVersion7HoldsEndedRegistrationsThenTheyCountFromTheUpgradeAndLiveOnesStayLive()
            throws SQLException {
        try (Connection c = empty.getConnection();
                Statement s = c.createStatement()) {
            for (int version = 1; version <= 7; version++) {
                s.execute(PostgresSchema.script(version));
                s.execute("INSERT INTO authmd_schema_version (version, description) VALUES (" + version + ", 'x')");
            }
            for (String[] row :
                    new String[][] {{"reg_live", "active"}, {"reg_gone", "revoked"}, {"reg_old", "expired"}}) {
                s.execute("INSERT INTO authmd_registration (tenant_id, id, type, status, version, created_at,"
                        + " post_claim_scopes) VALUES ('t', '" + row[0] + "', 'anonymous', '" + row[1]
                        + "', 1, now() - interval '400 days', '{}')");
            }
        }

        assertThat(new PostgresSchema(empty).migrate()).isEqualTo(PostgresSchema.VERSION);

        JdbcRegistrationStore store = new JdbcRegistrationStore(empty);
        assertThat(store.findById("t", "reg_live").orElseThrow().endedAt()).isEmpty();
        Instant upgrade =
                store.findById("t", "reg_gone").orElseThrow().endedAt().orElseThrow();
        assertThat(upgrade).isAfter(Instant.now().minusSeconds(3600));
        assertThat(store.findEndedBefore("t", upgrade.minusSeconds(1), 10))
                .as("nothing is purged at once by an upgrade")
                .isEmpty();
        assertThat(store.findEndedBefore("t", upgrade.plusSeconds(1), 10))
                .extracting(Registration::id)
                .containsExactlyInAnyOrder("reg_gone", "reg_old");
        try (Connection c = empty.getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(
                            () -> s.execute("UPDATE authmd_registration SET status = 'revoked' WHERE id = 'reg_live'"))
                    .as("a terminal row without its end is refused by the schema")
                    .isInstanceOf(SQLException.class);
        }
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = empty.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private int versionRows() throws SQLException {
        try (Connection c = empty.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM authmd_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = empty.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
