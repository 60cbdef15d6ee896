package dev.authmd.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authmd.spi.store.ClaimState;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.ReplayKey;
import dev.authmd.spi.store.StoreException;
import dev.authmd.testkit.StoreFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the stores do when the database fails them: every failure is a {@link StoreException} naming the operation and
 * SQLState, and no exception in the chain quotes a stored value.
 */
class JdbcFailureTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer(4);

    private static final String TENANT = "tenant-a";
    private static final Instant T0 = StoreFixtures.T0;

    @BeforeEach
    void empty() {
        POSTGRES.truncate();
    }

    @Test
    void everyStoreWhenDatabaseUnreachableThenStoreExceptionWithConnectionCause() throws IOException {
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setServerNames(new String[] {"127.0.0.1"});
        down.setPortNumbers(new int[] {closedPort()});
        down.setDatabaseName("nowhere");
        down.setUser(LocalPostgres.USER);
        down.setConnectTimeout(2);
        JdbcRegistrationStore registrations = new JdbcRegistrationStore(down);
        JdbcCredentialStore credentials = new JdbcCredentialStore(down);
        JdbcDelegationStore delegations = new JdbcDelegationStore(down);
        JdbcReplayCache replay = new JdbcReplayCache(down);
        JdbcRateLimitStore limits = new JdbcRateLimitStore(down);
        Map<String, ThrowingCallable> calls = Map.of(
                "registration insert",
                        () -> registrations.insert(
                                StoreFixtures.registration(TENANT, "reg-1").build()),
                "registration lookup", () -> registrations.findByClaimTokenHash(TENANT, "h"),
                "credential lookup", () -> credentials.findByHash(TENANT, "h"),
                "credential revocation", () -> credentials.revokeByRegistration(TENANT, "reg-1", T0),
                "delegation insert", () -> delegations.insert(StoreFixtures.delegation(TENANT, "i", "s", "u")),
                "replay mark", () -> replay.markUsed(StoreFixtures.replayKey("j"), T0, T0.plusSeconds(60)),
                "replay sweep", () -> replay.sweep(T0),
                "rate-limit increment", () -> limits.incrementAndGet("k", T0, T0.plusSeconds(60)),
                "schema", () -> new PostgresSchema(down).migrate());

        calls.forEach((name, call) -> assertThatThrownBy(call)
                .as(name)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed (SQLState 08")
                .hasCauseInstanceOf(SQLException.class));
    }

    @Test
    void updateWhenAttemptTokenHashTakenThenStoreExceptionThatQuotesNoHashOrEmail() {
        JdbcRegistrationStore store = new JdbcRegistrationStore(POSTGRES.dataSource());
        Registration one = stored(store, "reg-1");
        assertThat(store.update(0, one.next().claim(withAttempt(one, "cla-1")).build()))
                .isTrue();
        Registration two = stored(store, "reg-2");
        Registration clash = two.next()
                .claim(withAttempt(two, "cla-1"))
                .email("secret-person@example.com")
                .build();

        Throwable thrown = catchThrowable(() -> store.update(0, clash));

        assertThat(thrown).isInstanceOf(StoreException.class).hasMessageContaining("already belongs to another");
        assertThat(((SQLException) thrown.getCause()).getSQLState()).isEqualTo("23505");
        assertThat(fullTrace(thrown))
                .doesNotContain(StoreFixtures.attemptTokenHash("cla-1"))
                .doesNotContain("secret-person")
                .doesNotContain(StoreFixtures.claimTokenHash("reg-2"));
    }

    @Test
    void insertWhenClaimTokenHashTakenThenStoreExceptionThatQuotesNoHash() {
        JdbcRegistrationStore store = new JdbcRegistrationStore(POSTGRES.dataSource());
        Registration one = stored(store, "reg-1");

        Throwable thrown = catchThrowable(() -> store.insert(StoreFixtures.registration(TENANT, "reg-2")
                .claim(one.claim().orElseThrow())
                .build()));

        assertThat(thrown).isInstanceOf(StoreException.class);
        assertThat(fullTrace(thrown)).doesNotContain(StoreFixtures.claimTokenHash("reg-1"));
    }

    @Test
    void insertWhenValueHoldsNulCharacterThenStoreExceptionThatQuotesNoValue() {
        JdbcRegistrationStore store = new JdbcRegistrationStore(POSTGRES.dataSource());
        Registration bad = StoreFixtures.registration(TENANT, "reg-1")
                .email("ada\u0000lovelace@example.com")
                .build();

        Throwable thrown = catchThrowable(() -> store.insert(bad));

        assertThat(thrown).isInstanceOf(StoreException.class).hasMessageStartingWith("insert registration failed");
        assertThat(fullTrace(thrown)).doesNotContain("lovelace");
        assertThat(store.findById(TENANT, "reg-1")).isEmpty();
    }

    @Test
    void markUsedWhenJtiHoldsNulOrIsHugeThenStillOneFixedWidthKey() {
        JdbcReplayCache cache = new JdbcReplayCache(POSTGRES.dataSource());
        ReplayKey nul = new ReplayKey("id-jag", StoreFixtures.ISSUER, "a\u0000b");
        ReplayKey huge = new ReplayKey("id-jag", StoreFixtures.ISSUER, "j".repeat(100_000));

        assertThat(cache.markUsed(nul, T0, T0.plusSeconds(60))).isTrue();
        assertThat(cache.markUsed(huge, T0, T0.plusSeconds(60))).isTrue();

        assertThat(cache.markUsed(nul, T0, T0.plusSeconds(60))).isFalse();
        assertThat(cache.markUsed(huge, T0, T0.plusSeconds(60))).isFalse();
    }

    @Test
    void storesWhenPoolHandsOutConnectionsWithAutoCommitOffThenCommitAndRollBackThemselves() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(POSTGRES.jdbcUrl());
        config.setAutoCommit(false);
        config.setMaximumPoolSize(1);
        try (HikariDataSource manual = new HikariDataSource(config)) {
            JdbcRegistrationStore viaManual = new JdbcRegistrationStore(manual);
            JdbcRegistrationStore viaDefault = new JdbcRegistrationStore(POSTGRES.dataSource());
            Registration one = stored(viaManual, "reg-1");
            Registration two = stored(viaManual, "reg-2");
            assertThat(viaDefault.findById(TENANT, "reg-1")).contains(one);

            assertThatThrownBy(() -> viaManual.update(
                            0, two.next().claim(one.claim().orElseThrow()).build()))
                    .isInstanceOf(StoreException.class);

            assertThat(viaManual.update(0, two.next().email("after@example.com").build()))
                    .isTrue();
            assertThat(viaDefault.findById(TENANT, "reg-2").orElseThrow().email())
                    .contains("after@example.com");
        }
    }

    @Test
    void findByIdWhenInstantsCarryNanosecondsThenMicrosecondsKept() {
        JdbcRegistrationStore store = new JdbcRegistrationStore(POSTGRES.dataSource());
        Instant precise = Instant.parse("2026-05-04T12:00:00.123456789Z");
        store.insert(StoreFixtures.registration(TENANT, "reg-1", precise).build());

        Registration read = store.findById(TENANT, "reg-1").orElseThrow();

        assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-05-04T12:00:00.123456Z"));
    }

    private static Registration stored(JdbcRegistrationStore store, String id) {
        Registration r = StoreFixtures.registration(TENANT, id).build();
        assertThat(store.insert(r)).isTrue();
        return r;
    }

    private static ClaimState withAttempt(Registration r, String attemptId) {
        return r.claim().orElseThrow().withAttempt(StoreFixtures.attempt(attemptId));
    }

    private static String fullTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
