package dev.authmd.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.assertion.SecurityEventResult;
import dev.authmd.core.provider.SecurityEventMinter;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.ClaimPageView;
import dev.authmd.core.service.CurrentOutcome;
import dev.authmd.core.service.IdentityRequest;
import dev.authmd.core.service.IdentityResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.core.service.TokenGrant;
import dev.authmd.core.service.TokenRequest;
import dev.authmd.protocol.error.CurrentProfileError;
import dev.authmd.spi.account.SignedInUser;
import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RegistrationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The current profile on two replicas sharing one PostgreSQL database: an assertion minted on one is exchanged on the
 * other, a revocation on one holds on the other at once, and the profile's races — exchange against revocation, one
 * refresh token on both replicas — have one outcome across processes.
 */
class MultiReplicaCurrentProfileTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer(8);

    private static final RequestContext NO_IP = RequestContext.defaultTenant(null);
    private static final int ROUNDS = 100;

    private static DataSource poolA;
    private static DataSource poolB;
    private static ExecutorService pool;

    private Fleet fleet;

    @BeforeAll
    static void pools() {
        if (!POSTGRES.running()) {
            return; // every test is reported as skipped
        }
        poolA = POSTGRES.newPool("current-a");
        poolB = POSTGRES.newPool("current-b");
        pool = Executors.newFixedThreadPool(2);
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
        fleet = new Fleet(List.of(poolA, poolB), Clock.systemUTC(), RateLimitPolicy.none());
    }

    @Test
    void exchangeWhenAssertionMintedOnAThenBExchangesAndATokenAuthenticatesOnA() {
        IdentityResult registered = anonymous(fleet.a());

        TokenGrant grant = ok(fleet.b().exchangeToken(NO_IP, new TokenRequest(assertion(registered), null, null)));

        assertThat(fleet.a().authenticate(NO_IP, "Bearer " + grant.accessToken(), Set.of()))
                .isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(fleet.b().jwks("default")).isEqualTo(fleet.a().jwks("default"));
    }

    @Test
    void revokeTokenWhenRevokedOnBThenDeniedOnAAtOnce() {
        IdentityResult registered = anonymous(fleet.a());
        TokenGrant grant = ok(fleet.a().exchangeToken(NO_IP, new TokenRequest(assertion(registered), null, null)));

        assertThat(fleet.b().revokeToken(NO_IP, assertion(registered), null).isSuccess())
                .isTrue();

        assertThat(fleet.a().authenticate(NO_IP, "Bearer " + grant.accessToken(), Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(fleet.a()
                        .exchangeToken(NO_IP, new TokenRequest(assertion(registered), null, null))
                        .failure()
                        .error())
                .isEqualTo(CurrentProfileError.INVALID_GRANT);
    }

    @Test
    void exchangeWhenRacingRevocationOnTheOtherReplicaThenNoLiveToken() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String assertion = assertion(anonymous(fleet.a()));

            List<Object> results = together(
                    () -> fleet.a().exchangeToken(NO_IP, new TokenRequest(assertion, null, null)),
                    () -> fleet.b().revokeToken(NO_IP, assertion, null));

            CurrentOutcome<?> exchange = (CurrentOutcome<?>) results.get(0);
            if (exchange.isSuccess()) {
                String token = ((TokenGrant) exchange.value()).accessToken();
                assertThat(fleet.b().authenticate(NO_IP, "Bearer " + token, Set.of()))
                        .as("round %d", round)
                        .isInstanceOf(AuthenticationResult.Denied.class);
            } else {
                assertThat(exchange.failure().error()).isEqualTo(CurrentProfileError.INVALID_GRANT);
            }
        }
    }

    @Test
    void refreshWhenOneTokenPresentedToBothReplicasAtOnceThenExactlyOneSuccessor() throws Exception {
        JdbcRefreshTokenStore refreshTokens = new JdbcRefreshTokenStore(poolA);
        for (int round = 0; round < ROUNDS; round++) {
            IdentityResult registered = anonymous(fleet.a());
            String token = "art_pg_" + UUID.randomUUID();
            Instant now = Instant.now();
            refreshTokens.insert(RefreshToken.active(
                    "default",
                    SecretHasher.hash(token),
                    "rtf_" + round,
                    registered.registrationId(),
                    0,
                    now,
                    now.plus(Duration.ofDays(30))));

            List<Object> results = together(
                    () -> fleet.a().identity(NO_IP, new IdentityRequest.Refresh(token)),
                    () -> fleet.b().identity(NO_IP, new IdentityRequest.Refresh(token)));

            assertThat(results)
                    .as("round %d", round)
                    .filteredOn(r -> ((CurrentOutcome<?>) r).isSuccess())
                    .hasSize(1);
            assertThat(results)
                    .filteredOn(r -> !((CurrentOutcome<?>) r).isSuccess())
                    .allSatisfy(
                            r -> assertThat(((CurrentOutcome<?>) r).failure().error())
                                    .isEqualTo(CurrentProfileError.INVALID_REFRESH_TOKEN));
        }
    }

    @Test
    void securityEventWhenAppliedOnAThenBDeniesTheDelegationsTokens() {
        IdentityResult registered = ok(fleet.b()
                .identity(
                        NO_IP,
                        new IdentityRequest.IdentityAssertion(
                                fleet.idJag().authTime(Instant.now()).mint())));
        TokenGrant grant = ok(fleet.b().exchangeToken(NO_IP, new TokenRequest(assertion(registered), null, null)));
        String set = SecurityEventMinter.builder(fleet.keys)
                .issuer(Fleet.PROVIDER)
                .subject("sub-1")
                .audience(Fleet.AUDIENCE)
                .jti(UUID.randomUUID().toString())
                .mint();

        assertThat(fleet.a().receiveSecurityEvent(NO_IP, set)).isInstanceOf(SecurityEventResult.Accepted.class);

        assertThat(fleet.b().authenticate(NO_IP, "Bearer " + grant.accessToken(), Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(new JdbcRegistrationStore(poolB).findById("default", registered.registrationId()))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.REVOKED));
        assertThat(fleet.b().receiveSecurityEvent(NO_IP, set)).isInstanceOf(SecurityEventResult.Replayed.class);
    }

    @Test
    void claimWhenConfirmedOnAThenCompletedOnBAndTwoCompletionsAcrossReplicasHaveOneWinner() throws Exception {
        fleet.signedIn.put("u-ada", List.of("ada@example.com"));
        SignedInUser ada = new SignedInUser("u-ada", List.of("ada@example.com"));
        for (int round = 0; round < 50; round++) {
            IdentityResult registered =
                    ok(fleet.a().identity(NO_IP, new IdentityRequest.ServiceAuth("ada@example.com")));
            String attemptToken =
                    registered.claim().verificationUri().getRawQuery().substring("token=".length());
            ClaimPageView page = fleet.a().viewIdentityClaim(NO_IP, attemptToken, ada);
            ClaimPageView confirmed = fleet.a()
                    .decideIdentityClaim(NO_IP, attemptToken, ada, ClaimPageView.Decision.CONFIRM, page.csrfToken())
                    .orElseThrow();
            String code = confirmed.code();
            String claimToken = registered.claim().token();

            List<Object> results = together(
                    () -> fleet.a().completeIdentityClaim(NO_IP, claimToken, code),
                    () -> fleet.b().completeIdentityClaim(NO_IP, claimToken, code));

            assertThat(results)
                    .as("round %d", round)
                    .filteredOn(r -> ((CurrentOutcome<?>) r).isSuccess())
                    .hasSize(1);
            assertThat(results)
                    .filteredOn(r -> !((CurrentOutcome<?>) r).isSuccess())
                    .allSatisfy(
                            r -> assertThat(((CurrentOutcome<?>) r).failure().error())
                                    .isEqualTo(CurrentProfileError.ALREADY_CLAIMED));
        }
    }

    private static IdentityResult anonymous(AgentAuthService replica) {
        return ok(replica.identity(NO_IP, new IdentityRequest.Anonymous()));
    }

    private static String assertion(IdentityResult result) {
        return result.identityBlock().orElseThrow().assertion();
    }

    private static <T> T ok(CurrentOutcome<T> outcome) {
        if (!outcome.isSuccess()) {
            throw new AssertionError("expected success, got " + outcome.failure());
        }
        return outcome.value();
    }

    private static List<Object> together(Callable<?> first, Callable<?> second) throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = List.of(
                pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return first.call();
                }),
                pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return second.call();
                }));
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        return List.of(futures.get(0).get(30, TimeUnit.SECONDS), futures.get(1).get(30, TimeUnit.SECONDS));
    }
}
