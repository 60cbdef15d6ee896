package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.REGISTER;
import static dev.authmd.core.http.HttpWorld.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.protocol.challenge.BearerChallenge;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.metadata.MetadataJson;
import dev.authmd.protocol.metadata.ProtectedResourceMetadata;
import dev.authmd.spi.http.HttpResponse;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/protocol.md#v01-2-1 (§2 step 1 and §5): the resource side's ready-made 401/403 carry a {@code WWW-Authenticate:
 * Bearer resource_metadata="…"} an agent can follow to our PRM.
 */
class ResourceChallengeTest {

    private final HttpWorld world = HttpWorld.standard();
    private final HttpWorld pathWorld =
            HttpWorld.with(b -> AgentAuthConfig.builder(URI.create("https://api.example.com/v1"))
                    .issuer(URI.create("https://api.example.com/as")));

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void authenticateWhenNoCredentialThen401WithDiscoveryHintOnly(String header) {
        HttpResponse response = denied(world, header, Set.of()).toHttpResponse();

        // security finding 7: no error code in the body either, only where discovery starts
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.bodyAsString())
                .isEqualTo("{\"message\":\"This API needs a bearer credential; see resource_metadata.\","
                        + "\"resource_metadata\":\"https://api.example.com/.well-known/oauth-protected-resource\"}");
        BearerChallenge challenge = challenge(response);
        assertThat(challenge.resourceMetadata())
                .contains("https://api.example.com/.well-known/oauth-protected-resource");
        assertThat(challenge.error())
                .as("RFC 6750 §3.1: no error without a credential")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer sk_unknown",
                "Bearer",
                "Basic dXNlcjpwYXNz",
                "Bearer a b",
                "Bearer \"quoted\"",
                "Bearer sk_\u00e9"
            })
    void authenticateWhenUnusableCredentialThen401InvalidTokenParseable(String header) {
        HttpResponse response = denied(world, header, Set.of()).toHttpResponse();

        assertError(response, ProtocolError.INVALID_TOKEN);
        BearerChallenge challenge = challenge(response);
        assertThat(challenge.resourceMetadata())
                .contains("https://api.example.com/.well-known/oauth-protected-resource");
        assertThat(challenge.error()).contains("invalid_token");
        assertThat(challenge.protocolError()).contains(ProtocolError.INVALID_TOKEN);
    }

    @Test
    void authenticateWhenScopeMissingThen403InsufficientScopeWithScope() {
        String key = HttpWorld.json(world.postJson(REGISTER, "{\"type\":\"anonymous\"}"))
                .get("credential")
                .asText();

        AuthenticationResult.Denied denied = denied(world, "Bearer " + key, Set.of("api.write"));
        HttpResponse response = denied.toHttpResponse();

        assertThat(denied.status()).isEqualTo(403);
        assertError(response, ProtocolError.INSUFFICIENT_SCOPE);
        BearerChallenge challenge = challenge(response);
        assertThat(challenge.error()).contains("insufficient_scope");
        assertThat(challenge.scope()).contains("api.write");
        assertThat(challenge.resourceMetadata())
                .contains("https://api.example.com/.well-known/oauth-protected-resource");
        assertThat(denied.wwwAuthenticate()).contains("scope=\"api.write\"", "error=\"insufficient_scope\"");
    }

    @Test
    void authenticateWhenRevokedOrExpiredThen401() {
        ObjectNode reg = HttpWorld.json(world.postJson(REGISTER, "{\"type\":\"anonymous\"}"));
        String key = reg.get("credential").asText();
        assertThat(world.service.authenticate(RequestContext.defaultTenant(null), "Bearer " + key, Set.of()))
                .isInstanceOf(AuthenticationResult.Authenticated.class);

        world.service.revokeRegistration(
                RequestContext.DEFAULT_TENANT, reg.get("registration_id").asText());

        assertError(denied(world, "Bearer " + key, Set.of()).toHttpResponse(), ProtocolError.INVALID_TOKEN);
    }

    @Test
    void challengeWhenResourceHasPathThenHintPointsAtPathSpecificPrmThatTheHandlerServes() {
        HttpResponse response = denied(pathWorld, null, Set.of()).toHttpResponse();

        String hint = challenge(response).resourceMetadata().orElseThrow();
        assertThat(hint).isEqualTo("https://api.example.com/.well-known/oauth-protected-resource/v1");
        HttpResponse prm = pathWorld.get(URI.create(hint).getPath());
        assertThat(prm.status()).isEqualTo(200);
        ProtectedResourceMetadata metadata = MetadataJson.parseProtectedResource(prm.body());
        assertThat(metadata.resource()).isEqualTo("https://api.example.com/v1");
    }

    private static AuthenticationResult.Denied denied(HttpWorld world, String header, Set<String> scopes) {
        AuthenticationResult result =
                world.service.authenticate(RequestContext.defaultTenant(HttpWorld.CLIENT_IP), header, scopes);
        assertThat(result).isInstanceOf(AuthenticationResult.Denied.class);
        return (AuthenticationResult.Denied) result;
    }

    private static BearerChallenge challenge(HttpResponse response) {
        String header = response.header("WWW-Authenticate").orElseThrow();
        assertThat(header).startsWith("Bearer ").contains("resource_metadata=\"");
        return BearerChallenge.parse(header).orElseThrow();
    }
}
