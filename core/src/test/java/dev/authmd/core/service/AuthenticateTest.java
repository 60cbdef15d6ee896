package dev.authmd.core.service;

import static dev.authmd.core.service.ServiceFixture.PRE_CLAIM;
import static dev.authmd.core.service.ServiceFixture.TENANT;
import static dev.authmd.core.service.ServiceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.RegistrationType;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/protocol.md#v01-5: the resource side. */
class AuthenticateTest {

    private final ServiceFixture f = ServiceFixture.create();

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void authenticateWhenNoCredentialThen401WithoutErrorAttribute(String header) {
        AuthenticationResult result = f.service.authenticate(f.ctx(), header, Set.of());

        assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Denied.class, denied -> {
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.error()).isNull();
            assertThat(denied.wwwAuthenticate())
                    .startsWith("Bearer ")
                    .contains("resource_metadata=\"" + f.config.protectedResourceMetadataUri() + "\"")
                    .doesNotContain("error=");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer",
                "Bearer ",
                "Basic dXNlcjpwYXNz",
                "Bearer sk_unknown",
                "Bearer a b",
                "Bearer \"quoted\"",
                "bearer sk_unknown"
            })
    void authenticateWhenCredentialMalformedOrUnknownThen401InvalidToken(String header) {
        f.anonymous();

        AuthenticationResult result = f.service.authenticate(f.ctx(), header, Set.of());

        assertInvalidToken(result);
    }

    @Test
    void authenticateWhenHeaderHugeThen401InvalidToken() {
        assertInvalidToken(f.service.authenticate(f.ctx(), "Bearer " + "a".repeat(10_000), Set.of()));
    }

    @Test
    void authenticateWhenSchemeCaseDiffersThenAccepted() {
        String key = f.anonymous().credential().secret();

        assertThat(f.service.authenticate(f.ctx(), "bEaReR " + key, Set.of()).principal())
                .isPresent();
    }

    @Test
    void authenticateWhenValidThenPrincipalDescribesTheAgent() {
        RegistrationResult result = f.anonymous();

        AgentPrincipal agent = f.authenticate(result.credential().secret(), "api.read")
                .principal()
                .orElseThrow();

        assertThat(agent.tenantId()).isEqualTo(TENANT);
        assertThat(agent.registrationId()).isEqualTo(result.registrationId());
        assertThat(agent.registrationType()).isEqualTo(RegistrationType.ANONYMOUS);
        assertThat(agent.credentialId()).startsWith("cred_");
        assertThat(agent.credentialType()).isEqualTo(CredentialType.API_KEY);
        assertThat(agent.scopes()).isEqualTo(PRE_CLAIM);
        assertThat(agent.expiresAt()).isNull();
        assertThat(agent.hasScopes(Set.of("api.read"))).isTrue();
    }

    @Test
    void authenticateWhenScopeMissingThen403InsufficientScopeWithChallenge() {
        String key = f.anonymous().credential().secret();

        AuthenticationResult result = f.authenticate(key, "api.read", "api.write");

        assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Denied.class, denied -> {
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.error()).isEqualTo(ProtocolError.INSUFFICIENT_SCOPE);
            assertThat(denied.wwwAuthenticate()).contains("error=\"insufficient_scope\"");
        });
    }

    @Test
    void authenticateWhenAccessTokenReachesItsTtlThenInvalidToken() {
        String token = ok(f.registerIdJag(f.idJag().mint(), CredentialType.ACCESS_TOKEN))
                .credential()
                .secret();
        f.clock.advance(Duration.ofHours(1).minusMillis(1));
        assertThat(f.authenticates(token)).isTrue();

        f.clock.advance(Duration.ofMillis(1));

        assertInvalidToken(f.authenticate(token));
    }

    @Test
    void authenticateWhenApiKeyFromIdJagThenNeverExpires() {
        String key = ok(f.registerIdJag(f.idJag().mint(), CredentialType.API_KEY))
                .credential()
                .secret();
        f.clock.advance(Duration.ofDays(400));

        assertThat(f.authenticates(key)).isTrue();
    }

    @Test
    void authenticateWhenRevokedThenInvalidToken() {
        RegistrationResult result = f.anonymous();
        f.service.revokeRegistration(TENANT, result.registrationId());

        assertInvalidToken(f.authenticate(result.credential().secret()));
    }

    @Test
    void authenticateWhenUnclaimedAnonymousReachesTtlThenInvalidEvenBeforeTheSweep() {
        String key = f.anonymous().credential().secret();
        f.clock.advance(Duration.ofHours(24).minusMillis(1));
        assertThat(f.authenticates(key)).isTrue();

        f.clock.advance(Duration.ofMillis(1));

        assertInvalidToken(f.authenticate(key));
    }

    @Test
    void authenticateWhenClaimTokenPresentedAsBearerThenInvalidToken() {
        RegistrationResult result = f.anonymous();

        assertInvalidToken(f.authenticate(result.claim().claimToken()));
    }

    @Test
    void authenticateWhenTenantUnknownThenIllegalArgument() {
        assertThatThrownBy(() -> f.service.authenticate(new RequestContext("nobody", null), "Bearer x", Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody");
    }

    @Test
    void authenticateWhenDeniedThenHttpResponseCarriesChallengeAndNoStore() {
        AuthenticationResult.Denied denied = (AuthenticationResult.Denied) f.authenticate("sk_unknown");

        var response = denied.toHttpResponse();

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains(denied.wwwAuthenticate());
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.bodyAsString()).contains("\"error\":\"invalid_token\"");
    }

    private static void assertInvalidToken(AuthenticationResult result) {
        assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Denied.class, denied -> {
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.error()).isEqualTo(ProtocolError.INVALID_TOKEN);
            assertThat(denied.wwwAuthenticate())
                    .contains("error=\"invalid_token\"")
                    .contains("resource_metadata=");
        });
    }
}
