package dev.authmd.core.http;

import static dev.authmd.core.http.CurrentProfileFlowsTest.idJagBody;
import static dev.authmd.core.http.HttpWorld.EVENTS;
import static dev.authmd.core.http.HttpWorld.IDENTITY;
import static dev.authmd.core.http.HttpWorld.NOW;
import static dev.authmd.core.http.HttpWorld.TOKEN;
import static dev.authmd.core.http.HttpWorld.TOKEN_REVOKE;
import static dev.authmd.core.http.HttpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.RefreshToken;
import dev.authmd.spi.store.RegistrationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The current profile's races, each over {@value #ROUNDS} rounds with both contenders released by one latch: an
 * exchange against a revocation of its assertion (RFC 7009 or a security event) never leaves a live token; one refresh
 * token spent by two threads has exactly one successor; a security event against a registration of its delegation
 * leaves nothing of the delegation that authenticates.
 */
class CurrentProfileRaceTest {

    private static final int ROUNDS = 120;
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final HttpWorld world = HttpWorld.unlimited();
    private final RequestContext ctx = RequestContext.defaultTenant(HttpWorld.CLIENT_IP);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void exchangeWhenRacingRevocationOfItsAssertionThenEitherItFailsOrItsTokenIsDead() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String assertion = anonymousAssertion();

            List<HttpResponse> results = together(
                    () -> world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion),
                    () -> world.postForm(TOKEN_REVOKE, "token", assertion));

            assertThat(results.get(1).status()).isEqualTo(200);
            HttpResponse exchange = results.get(0);
            if (exchange.status() == 200) {
                String token = json(exchange).get("access_token").asText();
                assertThat(world.service.authenticate(ctx, "Bearer " + token, Set.of()))
                        .as("round %d: a token exchanged from a revoked assertion", round)
                        .isInstanceOf(AuthenticationResult.Denied.class);
            } else {
                assertThat(json(exchange).get("error").asText()).isEqualTo("invalid_grant");
            }
        }
    }

    @Test
    void exchangeWhenRacingSecurityEventThenNoTokenOfTheDelegationSurvives() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String subject = "user-x" + round;
            HttpResponse registered = world.postJson(
                    IDENTITY,
                    idJagBody(world.idJag()
                            .subject(subject)
                            .email(subject + "@example.com")
                            .authTime(NOW)
                            .mint()));
            assertThat(registered.status()).isEqualTo(200);
            String assertion = json(registered).at("/identity/assertion").asText();
            byte[] set = world.securityEvent().subject(subject).mint().getBytes(StandardCharsets.UTF_8);

            List<HttpResponse> results = together(
                    () -> world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion),
                    () -> world.post(EVENTS, "application/secevent+jwt", set));

            assertThat(results.get(1).status()).isEqualTo(202);
            if (results.get(0).status() == 200) {
                String token = json(results.get(0)).get("access_token").asText();
                assertThat(world.service.authenticate(ctx, "Bearer " + token, Set.of()))
                        .as("round %d", round)
                        .isInstanceOf(AuthenticationResult.Denied.class);
            }
        }
    }

    @Test
    void refreshWhenOneTokenSpentByTwoThreadsThenExactlyOneSuccessorAndNoTeardown() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String registrationId = json(world.postJson(IDENTITY, "{\"type\":\"anonymous\"}"))
                    .get("id")
                    .asText();
            String token = "art_race_" + round;
            Instant now = world.clock.instant();
            world.stores.refreshTokens.insert(RefreshToken.active(
                    "default",
                    SecretHasher.hash(token),
                    "rtf_" + round,
                    registrationId,
                    0,
                    now,
                    now.plus(Duration.ofDays(30))));
            String body = "{\"type\":\"refresh\",\"refresh_token\":\"" + token + "\"}";

            List<HttpResponse> results =
                    together(() -> world.postJson(IDENTITY, body), () -> world.postJson(IDENTITY, body));

            List<HttpResponse> won =
                    results.stream().filter(r -> r.status() == 200).toList();
            assertThat(won).as("round %d", round).hasSize(1);
            HttpResponse lost =
                    results.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
            assertThat(json(lost).get("error").asText()).isEqualTo("invalid_refresh_token");
            // the loser raced within the grace window: the winner's successor still works
            String successor =
                    json(won.get(0)).at("/identity/refresh_token/value").asText();
            assertThat(world.postJson(IDENTITY, "{\"type\":\"refresh\",\"refresh_token\":\"" + successor + "\"}")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void registrationWhenTwoFirstPresentationsOfOneDelegationRaceThenTheCleanOnesShareOneRegistration()
            throws Exception {
        int bothClean = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String subject = "twin-" + round;
            String a = world.idJag()
                    .subject(subject)
                    .email(subject + "@example.com")
                    .authTime(NOW)
                    .mint();
            String b = world.idJag()
                    .subject(subject)
                    .email(subject + "@example.com")
                    .authTime(NOW)
                    .mint();

            List<HttpResponse> results = together(
                    () -> world.postJson(IDENTITY, idJagBody(a)), () -> world.postJson(IDENTITY, idJagBody(b)));

            // one may see the account the other just provisioned and be asked to confirm (401 interaction_required)
            List<String> clean = results.stream()
                    .filter(r -> r.status() == 200)
                    .map(r -> json(r).get("id").asText())
                    .toList();
            assertThat(clean).as("round %d: at least the first is clean", round).isNotEmpty();
            assertThat(clean)
                    .as(
                            "round %d: one registration; stored %s",
                            round,
                            world.stores.registrations.findByDelegation("default", HttpWorld.PROVIDER, subject).stream()
                                    .map(r -> r.id() + "/" + r.status() + "/" + r.type() + "/" + r.profile())
                                    .toList())
                    .containsOnly(clean.get(0));
            assertThat(world.stores.registrations.findByDelegation("default", HttpWorld.PROVIDER, subject))
                    .filteredOn(r -> r.status() == RegistrationStatus.ACTIVE)
                    .as("round %d: exactly one live registration", round)
                    .hasSize(1);
            bothClean += clean.size() == 2 ? 1 : 0;
        }
        assertThat(bothClean)
                .as("rounds where both raced to the same registration")
                .isPositive();
    }

    @Test
    void registrationWhenRacingSecurityEventOfItsDelegationThenNothingOfItAuthenticates() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String subject = "user-r" + round;
            // the delegation exists: a first registration linked it
            assertThat(world.postJson(
                                    IDENTITY,
                                    idJagBody(world.idJag()
                                            .subject(subject)
                                            .email(subject + "@example.com")
                                            .authTime(NOW)
                                            .mint()))
                            .status())
                    .isEqualTo(200);
            String jag = world.idJag()
                    .subject(subject)
                    .email(subject + "@example.com")
                    .authTime(NOW)
                    .mint();
            byte[] set = world.securityEvent().subject(subject).mint().getBytes(StandardCharsets.UTF_8);

            List<HttpResponse> results = together(
                    () -> world.postJson(IDENTITY, idJagBody(jag)),
                    () -> world.post(EVENTS, "application/secevent+jwt", set));

            assertThat(results.get(1).status()).isEqualTo(202);
            assertThat(world.stores.registrations.findByDelegation("default", HttpWorld.PROVIDER, subject))
                    .as("round %d: a registration of the delegation still active", round)
                    .noneMatch(r -> r.status() == RegistrationStatus.ACTIVE);
            HttpResponse registration = results.get(0);
            if (registration.status() == 200) {
                String assertion = json(registration).at("/identity/assertion").asText();
                HttpResponse exchange = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion);
                assertThat(exchange.status())
                        .as("round %d: exchange after teardown", round)
                        .isEqualTo(400);
            }
        }
    }

    private String anonymousAssertion() {
        ObjectNode body = json(world.postJson(IDENTITY, "{\"type\":\"anonymous\"}"));
        return body.at("/identity/assertion").asText();
    }

    @SafeVarargs
    private List<HttpResponse> together(Callable<HttpResponse>... tasks) throws Exception {
        CountDownLatch ready = new CountDownLatch(tasks.length);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse>> futures = new ArrayList<>();
        for (Callable<HttpResponse> task : tasks) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                return task.call();
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        List<HttpResponse> results = new ArrayList<>();
        for (Future<HttpResponse> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }
}
