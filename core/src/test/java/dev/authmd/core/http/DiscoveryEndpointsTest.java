package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.authmd.AuthMdRenderOptions;
import dev.authmd.core.authmd.AuthMdRenderer;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.protocol.metadata.AuthorizationServerMetadata;
import dev.authmd.protocol.metadata.MetadataJson;
import dev.authmd.protocol.metadata.MetadataValidator;
import dev.authmd.protocol.metadata.ProtectedResourceMetadata;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/protocol.md#v01-2 and issue 2 item 9: what is served where, with which headers. */
class DiscoveryEndpointsTest {

    private static final String PRM_ROOT = "/.well-known/oauth-protected-resource";
    private static final String AS_ROOT = "/.well-known/oauth-authorization-server";
    private static final MetadataValidator VALIDATOR = MetadataValidator.of(Set.of());

    private final HttpWorld world = HttpWorld.standard();
    /** Resource with a path, issuer with a path: every well-known rule with path components at once. */
    private final HttpWorld pathWorld =
            HttpWorld.with(b -> AgentAuthConfig.builder(URI.create("https://api.example.com/v1"))
                    .issuer(URI.create("https://api.example.com/as"))
                    .resourceName("Path API"));

    @Test
    void getWhenPrmAtRootThenJsonThatParsesAndValidatesAgainstConfig() {
        HttpResponse response = world.get(PRM_ROOT);

        assertDocumentHeaders(response, "application/json");
        ProtectedResourceMetadata prm = MetadataJson.parseProtectedResource(response.body());
        assertThat(VALIDATOR
                        .validateProtectedResource(prm, world.config.resource())
                        .problems())
                .isEmpty();
        assertThat(prm.resource()).isEqualTo(HttpWorld.RESOURCE);
        assertThat(prm.authorizationServers()).contains(List.of(HttpWorld.RESOURCE));
        assertThat(prm.bearerMethodsSupported()).contains(List.of("header"));
        assertThat(prm.scopesSupported()).contains(List.of("api.read", "api.write"));
        assertThat(prm.resourceName()).contains(HttpWorld.HOSTILE_NAME);
    }

    @Test
    void getWhenAsMetadataThenJsonThatValidatesAndIssuerIsIdenticalToPrmAuthorizationServer() {
        HttpResponse response = world.get(AS_ROOT);

        assertDocumentHeaders(response, "application/json");
        AuthorizationServerMetadata as = MetadataJson.parseAuthorizationServer(response.body());
        assertThat(VALIDATOR
                        .validateAuthorizationServer(as, world.config.issuer())
                        .problems())
                .isEmpty();
        ProtectedResourceMetadata prm =
                MetadataJson.parseProtectedResource(world.get(PRM_ROOT).body());
        assertThat(as.issuer())
                .contains(prm.authorizationServers().orElseThrow().get(0));
        ObjectNode agentAuth = (ObjectNode) HttpWorld.json(response).get("agent_auth");
        assertThat(agentAuth.get("register_uri").asText()).isEqualTo("https://api.example.com/agent/auth");
        assertThat(agentAuth.get("claim_uri").asText()).isEqualTo("https://api.example.com/agent/auth/claim");
        assertThat(agentAuth.get("revocation_uri").asText()).isEqualTo("https://api.example.com/agent/auth/revoke");
        assertThat(agentAuth.get("skill").asText()).isEqualTo("https://api.example.com/auth.md");
    }

    @Test
    void getWhenAsMetadataThenEveryAdvertisedEndpointIsRoutedByTheHandler() {
        ObjectNode agentAuth = (ObjectNode) HttpWorld.json(pathWorld.get("/.well-known/oauth-authorization-server/as"))
                .get("agent_auth");

        for (String member : List.of("register_uri", "claim_uri", "revocation_uri", "skill")) {
            String path = URI.create(agentAuth.get(member).asText()).getPath();
            assertThat(pathWorld.endpoints.matches(
                            HttpRequest.builder("POST", path).build()))
                    .as("%s at %s is routed", member, path)
                    .isTrue();
        }
    }

    @Test
    void getWhenResourceHasPathThenPrmAtPathSpecificLocationAndAtRoot() {
        HttpResponse specific = pathWorld.get("/.well-known/oauth-protected-resource/v1");
        HttpResponse root = pathWorld.get(PRM_ROOT);

        assertDocumentHeaders(specific, "application/json");
        assertThat(root.body()).isEqualTo(specific.body());
        ProtectedResourceMetadata prm = MetadataJson.parseProtectedResource(specific.body());
        assertThat(VALIDATOR
                        .validateProtectedResource(prm, URI.create("https://api.example.com/v1"))
                        .problems())
                .isEmpty();
        assertThat(pathWorld.config.protectedResourceMetadataUri().getPath())
                .isEqualTo("/.well-known/oauth-protected-resource/v1");
        assertThat(pathWorld.get("/v1/.well-known/oauth-protected-resource").status())
                .isEqualTo(404);
    }

    @Test
    void getWhenIssuerHasPathThenAsMetadataAtRfc8414AndAppendedLocationsIdentical() {
        HttpResponse rfc8414 = pathWorld.get("/.well-known/oauth-authorization-server/as");
        HttpResponse appended = pathWorld.get("/as/.well-known/oauth-authorization-server");

        assertDocumentHeaders(rfc8414, "application/json");
        assertDocumentHeaders(appended, "application/json");
        assertThat(appended.body()).isEqualTo(rfc8414.body());
        AuthorizationServerMetadata as = MetadataJson.parseAuthorizationServer(rfc8414.body());
        assertThat(VALIDATOR
                        .validateAuthorizationServer(as, URI.create("https://api.example.com/as"))
                        .problems())
                .isEmpty();
        ProtectedResourceMetadata prm = MetadataJson.parseProtectedResource(
                pathWorld.get("/.well-known/oauth-protected-resource/v1").body());
        assertThat(prm.authorizationServers().orElseThrow()).containsExactly("https://api.example.com/as");
        assertThat(as.issuer()).contains("https://api.example.com/as");
        assertThat(pathWorld.get(AS_ROOT).status())
                .as("no AS metadata for an issuer that is not the origin")
                .isEqualTo(404);
    }

    @Test
    void getWhenAuthMdThenMarkdownRenderedFromTheSameConfig() {
        HttpResponse response = world.get("/auth.md");

        assertDocumentHeaders(response, "text/markdown; charset=utf-8");
        assertThat(response.bodyAsString())
                .isEqualTo(AuthMdRenderer.of(world.config, AuthMdRenderOptions.defaults())
                        .render())
                .contains("https://api.example.com/agent/auth");
    }

    @ParameterizedTest
    @ValueSource(strings = {PRM_ROOT, AS_ROOT, "/auth.md"})
    void headWhenDocumentThenSameHeadersWithContentLengthAndNoBody(String path) {
        HttpResponse get = world.get(path);
        HttpResponse head = world.send("HEAD", path, null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).contains(Integer.toString(get.body().length));
        for (String name :
                List.of("Content-Type", "Cache-Control", "X-Content-Type-Options", "Access-Control-Allow-Origin")) {
            assertThat(head.header(name)).as(name).isEqualTo(get.header(name)).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void requestWhenMethodOtherThanGetOrHeadThen405WithAllow(String method) {
        for (String path : List.of(PRM_ROOT, AS_ROOT, "/auth.md")) {
            HttpResponse response = world.handle(HttpRequest.builder(method, path)
                    .header("Content-Type", "application/json")
                    .body("{}")
                    .build());

            assertError(response, ProtocolError.METHOD_NOT_ALLOWED);
            assertThat(response.header("Allow")).contains("GET, HEAD");
        }
        world.assertUntouched();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/.well-known",
                "/.well-known/",
                "/.well-known/oauth-protected-resource/",
                "/.well-known/oauth-protected-resource/v2",
                "/.well-known/openid-configuration",
                "/AUTH.MD",
                "/auth.md/",
                "/.well-known/oauth-authorization-server/x",
                "/favicon.ico"
            })
    void getWhenUnknownPathThen404NotFoundJson(String path) {
        assertError(world.get(path), ProtocolError.NOT_FOUND);
    }

    @Test
    void handleWhenStandaloneAndNotADiscoveryPathThenEmpty() {
        DiscoveryEndpoints discovery = DiscoveryEndpoints.of(world.config);

        assertThat(discovery.handle(HttpRequest.builder("GET", "/agent/auth").build()))
                .isEmpty();
        assertThat(discovery.handle(HttpRequest.builder("GET", "/auth.md").build()))
                .isPresent();
        assertThat(discovery.paths()).containsExactlyInAnyOrder(PRM_ROOT, AS_ROOT, "/auth.md");
    }

    @Test
    void pathsWhenResourceAndIssuerHavePathsThenAllFiveLocations() {
        assertThat(DiscoveryEndpoints.of(pathWorld.config).paths())
                .containsExactlyInAnyOrder(
                        PRM_ROOT,
                        "/.well-known/oauth-protected-resource/v1",
                        "/.well-known/oauth-authorization-server/as",
                        "/as/.well-known/oauth-authorization-server",
                        "/auth.md");
    }

    @Test
    void getWhenIssuerPathPercentEncodedThenServedAtDecodedAndRawPath() {
        HttpWorld encoded = HttpWorld.with(b -> b.issuer(URI.create("https://api.example.com/t%C3%A9nant")));

        HttpResponse decoded = encoded.get("/.well-known/oauth-authorization-server/t\u00e9nant");
        HttpResponse raw = encoded.get("/.well-known/oauth-authorization-server/t%C3%A9nant");

        assertThat(decoded.status()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(decoded.body());
        assertThat(encoded.endpoints.matches(
                        HttpRequest.builder("POST", "/t\u00e9nant/agent/auth").build()))
                .isTrue();
        assertThat(encoded.postJson("/t\u00e9nant/agent/auth", "{\"type\":\"anonymous\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void getWhenDocumentsThenBodiesAreUtf8() {
        HttpResponse prm = world.get(PRM_ROOT);

        assertThat(new String(prm.body(), StandardCharsets.UTF_8)).contains("\"resource_name\"");
        assertThat(prm.bodyAsString()).contains("\\\"Co\\\"");
    }

    private static void assertDocumentHeaders(HttpResponse response, String contentType) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains(contentType);
        assertThat(response.header("Cache-Control")).contains(DiscoveryEndpoints.CACHE_CONTROL);
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.body()).isNotEmpty();
    }
}
