package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.IDENTITY;
import static dev.authmd.core.http.HttpWorld.NOW;
import static dev.authmd.core.http.HttpWorld.PROVIDER;
import static dev.authmd.core.http.HttpWorld.TOKEN;
import static dev.authmd.core.http.HttpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.secret.SecretHasher;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.RefreshToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 7009 revocation of each kind of token the current profile issues, looked up in the hinted table first and then in
 * the others, and an exchange refused once the registration's delegation is gone.
 */
class TokenRevocationTest {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final RequestContext CTX = RequestContext.defaultTenant(HttpWorld.CLIENT_IP);

    private final HttpWorld world = HttpWorld.withSignIn(RateLimitPolicy.none());
    private final ObjectNode identity = json(world.postJson(
            IDENTITY,
            CurrentProfileFlowsTest.idJagBody(
                    world.idJag().authTime(NOW.minusSeconds(60)).mint())));
    private final String assertion = identity.at("/identity/assertion").asText();
    private final String registrationId = identity.get("id").asText();

    @Test
    void revokeWhenAnAccessTokenIsHintedAsARefreshTokenThenFoundInTheOtherTableAndRevoked() {
        String accessToken = exchange(assertion);

        assertThat(world.service.revokeToken(CTX, accessToken, "refresh_token").value())
                .isTrue();

        assertThat(authenticates(accessToken)).isFalse();
        assertThat(world.eventTypes()).contains(AuditEventType.TOKEN_REVOKED);
    }

    @Test
    void revokeWhenAnIdentityAssertionThenItAndEveryAccessTokenExchangedForItStopWorking() {
        String accessToken = exchange(assertion);

        assertThat(world.service.revokeToken(CTX, assertion, null).value()).isTrue();

        assertThat(authenticates(accessToken)).isFalse();
        assertThat(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion)
                        .status())
                .isEqualTo(400);
        assertThat(world.service.revokeToken(CTX, assertion, null).value())
                .as("a second revocation finds nothing left to revoke")
                .isFalse();
    }

    @Test
    void revokeWhenAnotherRegistrationsAssertionShapeOrGarbageThenNothingRevoked() {
        String accessToken = exchange(assertion);

        assertThat(world.service.revokeToken(CTX, "not-a-token", null).value()).isFalse();
        assertThat(world.service.revokeToken(CTX, "a.b.c", "access_token").value())
                .isFalse();

        assertThat(authenticates(accessToken)).isTrue();
        assertThat(world.eventTypes()).doesNotContain(AuditEventType.TOKEN_REVOKED);
    }

    @Test
    void revokeWhenARefreshTokenWithOrWithoutHintThenItsFamilyStopsWorking() {
        String first = seedRefresh("art_first", NOW.plus(Duration.ofDays(30)));
        String second = seedRefresh("art_second", NOW.plus(Duration.ofDays(30)));

        assertThat(world.service.revokeToken(CTX, first, null).value()).isTrue();

        assertThat(refresh(first).status()).isEqualTo(400);
        assertThat(refresh(second).status())
                .as("same registration, same family sweep")
                .isEqualTo(400);
        assertThat(world.service.revokeToken(CTX, second, "refresh_token").value())
                .as("already revoked")
                .isFalse();
    }

    @Test
    void revokeWhenTheRefreshTokenExpiredThenNothingRevoked() {
        String expired = seedRefresh("art_expired", NOW.plusSeconds(1));
        world.clock.advance(Duration.ofSeconds(2));

        assertThat(world.service.revokeToken(CTX, expired, "refresh_token").value())
                .isFalse();
    }

    @Test
    void exchangeWhenTheRegistrationsDelegationIsGoneThenInvalidGrant() {
        world.stores.delegations.delete("default", PROVIDER, "user-1");

        HttpResponse refused = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(refused).get("error").asText()).isEqualTo("invalid_grant");
    }

    private String exchange(String assertion) {
        HttpResponse response = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion);
        assertThat(response.status()).isEqualTo(200);
        return json(response).get("access_token").asText();
    }

    private boolean authenticates(String accessToken) {
        return world.service.authenticate(CTX, "Bearer " + accessToken, Set.of())
                instanceof AuthenticationResult.Authenticated;
    }

    private String seedRefresh(String token, Instant expiresAt) {
        world.stores.refreshTokens.insert(RefreshToken.active(
                "default",
                SecretHasher.hash(token),
                "rtf_" + token,
                registrationId,
                0,
                world.clock.instant(),
                expiresAt));
        return token;
    }

    private HttpResponse refresh(String token) {
        return world.postJson(IDENTITY, "{\"type\":\"refresh\",\"refresh_token\":\"" + token + "\"}");
    }
}
