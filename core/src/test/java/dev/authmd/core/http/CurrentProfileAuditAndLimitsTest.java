package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.EVENTS;
import static dev.authmd.core.http.HttpWorld.IDENTITY;
import static dev.authmd.core.http.HttpWorld.NOW;
import static dev.authmd.core.http.HttpWorld.TOKEN;
import static dev.authmd.core.http.HttpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.ratelimit.RateLimit;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.RefreshToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The current profile's audit trail step by step, and its per-IP budgets: each identity type spends its own. */
class CurrentProfileAuditAndLimitsTest {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    @Test
    void eachStepWhenItSucceedsThenItsAuditEventsAreEmitted() {
        HttpWorld world = HttpWorld.withSignIn(RateLimitPolicy.none());

        assertThat(newEvents(world, () -> ok(world.postJson(IDENTITY, "{\"type\":\"anonymous\"}"))))
                .contains(AuditEventType.REGISTRATION_CREATED);
        assertThat(newEvents(
                        world,
                        () -> ok(world.postJson(
                                IDENTITY, "{\"type\":\"service_auth\",\"login_hint\":\"ada@example.com\"}"))))
                .contains(AuditEventType.REGISTRATION_CREATED, AuditEventType.CLAIM_REQUESTED);

        String[] assertion = new String[1];
        String[] registration = new String[1];
        assertThat(newEvents(world, () -> {
                    HttpResponse identity = ok(world.postJson(
                            IDENTITY,
                            CurrentProfileFlowsTest.idJagBody(
                                    world.idJag().authTime(NOW.minusSeconds(60)).mint())));
                    assertion[0] = json(identity).at("/identity/assertion").asText();
                    registration[0] = json(identity).get("id").asText();
                }))
                .contains(AuditEventType.REGISTRATION_CREATED);
        assertThat(newEvents(
                        world, () -> ok(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion[0]))))
                .contains(AuditEventType.TOKEN_ISSUED);

        String refresh = "art_seed_" + registration[0];
        world.stores.refreshTokens.insert(RefreshToken.active(
                "default",
                SecretHasher.hash(refresh),
                "rtf_1",
                registration[0],
                0,
                world.clock.instant(),
                world.clock.instant().plus(Duration.ofDays(30))));
        assertThat(newEvents(
                        world,
                        () -> ok(world.postJson(
                                IDENTITY, "{\"type\":\"refresh\",\"refresh_token\":\"" + refresh + "\"}"))))
                .contains(AuditEventType.REFRESH_ROTATED);

        assertThat(newEvents(world, () -> {
                    HttpResponse accepted = world.post(
                            EVENTS,
                            "application/secevent+jwt",
                            world.securityEvent().mint().getBytes(StandardCharsets.UTF_8));
                    assertThat(accepted.status()).isEqualTo(202);
                }))
                .contains(AuditEventType.SECURITY_EVENT_RECEIVED, AuditEventType.SECURITY_EVENT_APPLIED);
    }

    @Test
    void identityWhenOneTypeSpentItsBudgetThenTheOtherTypesStillHaveTheirs() {
        RateLimitPolicy onePerType = RateLimitPolicy.builder()
                .clear()
                .limit(RateLimit.perHour(RateLimitPolicy.IDENTITY_ANONYMOUS, 1, 100))
                .limit(RateLimit.perHour(RateLimitPolicy.IDENTITY_SERVICE_AUTH, 1, 100))
                .limit(RateLimit.perHour(RateLimitPolicy.IDENTITY_ID_JAG, 1, 100))
                .limit(RateLimit.perHour(RateLimitPolicy.IDENTITY_REFRESH, 1, 100))
                .build();
        HttpWorld world = HttpWorld.withSignIn(onePerType);
        String anonymous = "{\"type\":\"anonymous\"}";
        String serviceAuth = "{\"type\":\"service_auth\",\"login_hint\":\"ada@example.com\"}";
        String refresh = "{\"type\":\"refresh\",\"refresh_token\":\"art_unknown\"}";

        assertThat(world.postJson(IDENTITY, anonymous).status()).isNotEqualTo(429);
        assertThat(world.postJson(IDENTITY, serviceAuth).status()).isNotEqualTo(429);
        assertThat(world.postJson(IDENTITY, idJag(world)).status()).isNotEqualTo(429);
        assertThat(world.postJson(IDENTITY, refresh).status()).isNotEqualTo(429);

        assertThat(world.postJson(IDENTITY, anonymous).status()).isEqualTo(429);
        assertThat(world.postJson(IDENTITY, serviceAuth).status()).isEqualTo(429);
        assertThat(world.postJson(IDENTITY, idJag(world)).status()).isEqualTo(429);
        assertThat(world.postJson(IDENTITY, refresh).status()).isEqualTo(429);
    }

    private static String idJag(HttpWorld world) {
        return CurrentProfileFlowsTest.idJagBody(
                world.idJag().authTime(NOW.minusSeconds(60)).mint());
    }

    private static HttpResponse ok(HttpResponse response) {
        assertThat(response.status())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response;
    }

    private static List<AuditEventType> newEvents(HttpWorld world, Runnable step) {
        int before = world.events.size();
        step.run();
        return world.events.subList(before, world.events.size()).stream()
                .map(AuditEvent::type)
                .toList();
    }
}
