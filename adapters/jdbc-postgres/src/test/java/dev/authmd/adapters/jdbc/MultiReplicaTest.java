package dev.authmd.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.ClaimCompleted;
import dev.authmd.core.service.Outcome;
import dev.authmd.core.service.RegisterRequest;
import dev.authmd.core.service.RegistrationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.Registration;
import dev.authmd.spi.store.RegistrationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two {@link AgentAuthService} replicas, each with its own connection pool and JDBC stores, on one PostgreSQL database
 * (issue item 3): what one replica decides, the other sees at once.
 */
class MultiReplicaTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer(8);

    private static final RequestContext NO_IP = RequestContext.defaultTenant(null);
    private static final int ROUNDS = 25;
    private static final int THREADS = 8;

    private static DataSource poolA;
    private static DataSource poolB;
    private static ExecutorService pool;

    private Fleet fleet;

    @BeforeAll
    static void pools() {
        if (!POSTGRES.running()) {
            return; // every test is reported as skipped
        }
        poolA = POSTGRES.newPool("replica-a");
        poolB = POSTGRES.newPool("replica-b");
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopThreads() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @BeforeEach
    void freshFleet() {
        POSTGRES.truncate();
        fleet = new Fleet(List.of(poolA, poolB), Clock.systemUTC(), RateLimitPolicy.defaults());
    }

    // ------------------------------------------------------------------------------ replay

    @Test
    void registerWhenOneIdJagPresentedToBothReplicasAtOnceThenAcceptedExactlyOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String idJag = fleet.idJag().mint();

            List<Outcome<RegistrationResult>> outcomes = race(t ->
                    () -> replica(t).register(NO_IP, new RegisterRequest.IdJag(idJag, CredentialType.ACCESS_TOKEN)));

            assertThat(outcomes)
                    .as("round %d", round)
                    .filteredOn(Outcome::isSuccess)
                    .hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> !o.isSuccess())
                    .allSatisfy(o -> assertThat(o.failure().error()).isEqualTo(ProtocolError.REPLAY_DETECTED));
        }
    }

    @Test
    void registerWhenIdJagUsedOnOneReplicaThenReplayRejectedOnTheOther() {
        String idJag = fleet.idJag().mint();

        assertThat(fleet.a()
                        .register(NO_IP, new RegisterRequest.IdJag(idJag, null))
                        .isSuccess())
                .isTrue();

        Outcome<RegistrationResult> replay = fleet.b().register(NO_IP, new RegisterRequest.IdJag(idJag, null));
        assertThat(replay.failure().error()).isEqualTo(ProtocolError.REPLAY_DETECTED);
    }

    // ------------------------------------------------------------------------------ claim

    @Test
    void completeClaimWhenCompletedThroughAThenBSeesTheClaimedRegistration() {
        RegistrationResult anonymous =
                fleet.a().register(NO_IP, new RegisterRequest.Anonymous(null)).value();
        String apiKey = anonymous.issuedCredential().orElseThrow().secret();
        String claimToken = anonymous.claimHandle().orElseThrow().claimToken();
        assertThat(fleet.b().startClaim(NO_IP, claimToken, "grace@example.com").isSuccess())
                .isTrue();
        String otp = fleet.b()
                .mintChallenge(NO_IP, fleet.attemptTokenSentTo("grace@example.com"))
                .value()
                .otp();

        Outcome<ClaimCompleted> completed = fleet.a().completeClaim(NO_IP, claimToken, otp);

        assertThat(completed.isSuccess()).isTrue();
        AuthenticationResult onB = fleet.b().authenticate(NO_IP, "Bearer " + apiKey, Set.of("api.write"));
        assertThat(onB.principal()).hasValueSatisfying(p -> {
            assertThat(p.registrationId()).isEqualTo(anonymous.registrationId());
            assertThat(p.user()).isPresent();
            assertThat(p.scopes()).containsExactlyInAnyOrderElementsOf(fleet.config.postClaimScopes());
        });
        assertThat(fleet.b().completeClaim(NO_IP, claimToken, otp).isSuccess()).isFalse();
        assertThat(fleet.b()
                        .startClaim(NO_IP, claimToken, "grace@example.com")
                        .failure()
                        .error())
                .isEqualTo(ProtocolError.CLAIMED_OR_IN_FLIGHT);
    }

    @Test
    void completeClaimWhenSameOtpSentToBothReplicasAtOnceThenExactlyOneCompletes() throws Exception {
        for (int round = 0; round < 10; round++) {
            RegistrationResult anonymous = fleet.a()
                    .register(RequestContext.defaultTenant("198.51.100." + round), new RegisterRequest.Anonymous(null))
                    .value();
            String claimToken = anonymous.claimHandle().orElseThrow().claimToken();
            String email = "owner-" + round + "@example.com";
            assertThat(fleet.a().startClaim(NO_IP, claimToken, email).isSuccess())
                    .isTrue();
            String otp = fleet.b()
                    .mintChallenge(NO_IP, fleet.attemptTokenSentTo(email))
                    .value()
                    .otp();

            List<Outcome<ClaimCompleted>> outcomes = race(t -> () -> replica(t).completeClaim(NO_IP, claimToken, otp));

            assertThat(outcomes)
                    .as("round %d", round)
                    .filteredOn(Outcome::isSuccess)
                    .hasSize(1);
            Registration stored = new JdbcRegistrationStore(poolB)
                    .findById(RequestContext.DEFAULT_TENANT, anonymous.registrationId())
                    .orElseThrow();
            assertThat(stored.status()).isEqualTo(RegistrationStatus.CLAIMED);
        }
    }

    // ------------------------------------------------------------------------------ revocation

    @Test
    void authenticateWhenRevokedByLogoutTokenOnAThenDeniedOnBAtOnce() {
        RegistrationResult registered = fleet.a()
                .register(NO_IP, new RegisterRequest.IdJag(fleet.idJag().mint(), CredentialType.API_KEY))
                .value();
        String header = "Bearer " + registered.issuedCredential().orElseThrow().secret();
        assertThat(fleet.b().authenticate(NO_IP, header, Set.of()))
                .isInstanceOf(AuthenticationResult.Authenticated.class);

        Outcome<Integer> revoked = fleet.a().revoke(NO_IP, fleet.logout().mint());

        assertThat(revoked.value()).isEqualTo(1);
        AuthenticationResult onB = fleet.b().authenticate(NO_IP, header, Set.of());
        assertThat(onB).isInstanceOfSatisfying(AuthenticationResult.Denied.class, d -> {
            assertThat(d.status()).isEqualTo(401);
            assertThat(d.error()).isEqualTo(ProtocolError.INVALID_TOKEN);
        });
    }

    @Test
    void authenticateWhenOperatorRevokesOnBThenDeniedOnAAtOnce() {
        RegistrationResult anonymous =
                fleet.a().register(NO_IP, new RegisterRequest.Anonymous(null)).value();
        String header = "Bearer " + anonymous.issuedCredential().orElseThrow().secret();
        assertThat(fleet.a().authenticate(NO_IP, header, Set.of()))
                .isInstanceOf(AuthenticationResult.Authenticated.class);

        assertThat(fleet.b().revokeRegistration(RequestContext.DEFAULT_TENANT, anonymous.registrationId()))
                .isTrue();

        assertThat(fleet.a().authenticate(NO_IP, header, Set.of())).isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(fleet.a().revokeRegistration(RequestContext.DEFAULT_TENANT, anonymous.registrationId()))
                .isFalse();
    }

    // ------------------------------------------------------------------------------ rate limits

    @Test
    void registerWhenOneClientAlternatesReplicasThenPerIpLimitCountsBothTogether() {
        RequestContext client = RequestContext.defaultTenant("203.0.113.7");
        int cap = RateLimitPolicy.defaults()
                .find(RateLimitPolicy.ANONYMOUS)
                .orElseThrow()
                .perIp();

        for (int i = 0; i < cap; i++) {
            assertThat(replica(i)
                            .register(client, new RegisterRequest.Anonymous(null))
                            .isSuccess())
                    .as("request %d", i)
                    .isTrue();
        }

        Outcome<RegistrationResult> onA = fleet.a().register(client, new RegisterRequest.Anonymous(null));
        Outcome<RegistrationResult> onB = fleet.b().register(client, new RegisterRequest.Anonymous(null));
        assertThat(onA.failure().error()).isEqualTo(ProtocolError.RATE_LIMITED);
        assertThat(onB.failure().error()).isEqualTo(ProtocolError.RATE_LIMITED);
        assertThat(fleet.a()
                        .register(RequestContext.defaultTenant("203.0.113.8"), new RegisterRequest.Anonymous(null))
                        .isSuccess())
                .isTrue();
    }

    // ------------------------------------------------------------------------------ expiry

    @Test
    void expireDueWhenRunOnBothReplicasAtOnceThenEachRegistrationExpiredOnce() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-05-04T12:00:00Z"));
        Fleet timed = new Fleet(List.of(poolA, poolB), clock, RateLimitPolicy.none());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            keys.add(timed.replicas
                    .get(i % 2)
                    .register(NO_IP, new RegisterRequest.Anonymous(null))
                    .value()
                    .issuedCredential()
                    .orElseThrow()
                    .secret());
        }
        clock.advance(timed.config.claimTtl().plusSeconds(1));

        List<Integer> expired = race(t -> () -> {
            int total = 0;
            for (int n; (n = timed.replicas.get(t % 2).expireDue(7)) > 0; ) {
                total += n;
            }
            return total;
        });

        assertThat(expired.stream().mapToInt(Integer::intValue).sum()).isEqualTo(60);
        assertThat(new JdbcRegistrationStore(poolA).findDueForExpiry(clock.instant(), 100))
                .isEmpty();
        for (String key : keys) {
            assertThat(timed.b().authenticate(NO_IP, "Bearer " + key, Set.of()))
                    .isInstanceOf(AuthenticationResult.Denied.class);
        }
    }

    // ------------------------------------------------------------------------------ helpers

    private AgentAuthService replica(int i) {
        return fleet.replicas.get(i % fleet.replicas.size());
    }

    /** Runs {@value #THREADS} tasks released together by one gate; no sleeps. */
    private static <T> List<T> race(IntFunction<Callable<T>> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Callable<T> work = task.apply(t);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return work.call();
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    /** A clock tests move forward by hand, shared by every replica of a fleet. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
