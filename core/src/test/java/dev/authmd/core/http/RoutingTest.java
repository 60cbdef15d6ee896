package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.Tenant;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AgentAuthEndpoints#matches}, unknown paths, and tenant resolution (docs/protocol.md#v01-7). */
class RoutingTest {

    private final HttpWorld world = HttpWorld.standard();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/agent/auth",
                "/agent/auth/claim",
                "/agent/auth/claim/view",
                "/agent/auth/claim/attempt/challenge",
                "/agent/auth/claim/complete",
                "/agent/auth/revoke",
                "/.well-known/oauth-protected-resource",
                "/.well-known/oauth-authorization-server",
                "/auth.md"
            })
    void matchesWhenOurPathThenTrueForAnyMethod(String path) {
        for (String method : List.of("GET", "POST", "HEAD", "DELETE")) {
            assertThat(world.endpoints.matches(HttpRequest.builder(method, path).build()))
                    .as("%s %s", method, path)
                    .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/agent",
                "/agent/auth/",
                "/agent/auth/unknown",
                "/agent/auth/claim/attempt",
                "/agent/auth/claim/view/x",
                "/Agent/Auth",
                "/api/things",
                "/.well-known/jwks",
                "/auth.md.bak",
                "//agent/auth",
                "/agent//auth",
                "/agent/auth/../auth"
            })
    void matchesWhenOtherPathThenFalseAndHandle404NotFound(String path) {
        HttpRequest request = HttpRequest.builder("POST", path)
                .header("Content-Type", "application/json")
                .body("{\"type\":\"anonymous\"}")
                .build();

        assertThat(world.endpoints.matches(request)).isFalse();
        assertError(world.handle(request), ProtocolError.NOT_FOUND);
        world.assertUntouched();
    }

    @Test
    void handleWhenConfiguredBasePathThenRoutesMoveWithIt() {
        HttpWorld moved = HttpWorld.with(b -> b.agentAuthPath("/v2/agents"));

        assertThat(moved.endpoints.matches(
                        HttpRequest.builder("POST", "/v2/agents/claim/complete").build()))
                .isTrue();
        assertThat(moved.endpoints.matches(
                        HttpRequest.builder("POST", "/agent/auth").build()))
                .isFalse();
        assertThat(moved.postJson("/v2/agents", "{\"type\":\"anonymous\"}").status())
                .isEqualTo(200);
    }

    @Test
    void handleWhenTenantResolverEmptyThen404AndMatchesFalse() {
        AgentAuthEndpoints none = AgentAuthEndpoints.builder(world.service)
                .tenantResolver(request -> Optional.empty())
                .build();
        HttpRequest register = HttpRequest.builder("POST", "/agent/auth")
                .header("Content-Type", "application/json")
                .body("{\"type\":\"anonymous\"}")
                .build();

        assertThat(none.matches(register)).isFalse();
        assertError(none.handle(register), ProtocolError.NOT_FOUND);
        assertError(
                none.handle(HttpRequest.builder("GET", "/.well-known/oauth-protected-resource")
                        .build()),
                ProtocolError.NOT_FOUND);
        world.assertUntouched();
    }

    @Test
    void handleWhenTenantResolverAnswersUnknownTenantOrNullThen404() {
        AgentAuthEndpoints unknown = AgentAuthEndpoints.builder(world.service)
                .tenantResolver(request -> Optional.of("no-such-tenant"))
                .build();
        AgentAuthEndpoints nullAnswer = AgentAuthEndpoints.builder(world.service)
                .tenantResolver(request -> null)
                .build();
        HttpRequest request = HttpRequest.builder("GET", "/auth.md").build();

        assertError(unknown.handle(request), ProtocolError.NOT_FOUND);
        assertThat(unknown.matches(request)).isFalse();
        assertError(nullAnswer.handle(request), ProtocolError.NOT_FOUND);
        assertThat(nullAnswer.matches(request)).isFalse();
    }

    @Test
    void handleWhenTenantResolverThrowsThen500ServerErrorWithoutDetail() {
        AgentAuthEndpoints broken = AgentAuthEndpoints.builder(world.service)
                .tenantResolver(request -> {
                    throw new IllegalStateException("secret detail");
                })
                .build();

        HttpResponse response =
                broken.handle(HttpRequest.builder("GET", "/auth.md").build());

        assertError(response, ProtocolError.SERVER_ERROR);
        assertThat(response.bodyAsString()).doesNotContain("secret detail", "IllegalStateException");
    }

    @Test
    void handleWhenTwoTenantsByHostThenEachServesItsOwnDocumentsAndTokensDoNotCross() {
        AgentAuthConfig a = AgentAuthConfig.builder(URI.create("https://a.example.com"))
                .resourceName("A")
                .build();
        AgentAuthConfig b = AgentAuthConfig.builder(URI.create("https://b.example.com"))
                .resourceName("B")
                .build();
        List<Object> mails = new ArrayList<>();
        AgentAuthService service = AgentAuthService.builder()
                .tenant(new Tenant("a", a, HttpWorld.trustList()))
                .tenant(new Tenant("b", b, HttpWorld.trustList()))
                .accountResolver(new HttpWorld.TestAccounts())
                .claimMailer(mails::add)
                .auditSink(event -> {})
                .build();
        AgentAuthEndpoints endpoints = AgentAuthEndpoints.builder(service)
                .tenantResolver(request -> request.header("Host")
                        .map(host -> host.substring(0, 1))
                        .filter(t -> t.equals("a") || t.equals("b")))
                .build();

        HttpResponse prmA = endpoints.handle(get("a.example.com", "/.well-known/oauth-protected-resource"));
        HttpResponse prmB = endpoints.handle(get("b.example.com", "/.well-known/oauth-protected-resource"));
        assertThat(prmA.bodyAsString()).contains("https://a.example.com").doesNotContain("b.example.com");
        assertThat(prmB.bodyAsString()).contains("https://b.example.com").doesNotContain("a.example.com");
        assertError(endpoints.handle(get("c.example.com", "/auth.md")), ProtocolError.NOT_FOUND);

        ObjectNode registered =
                HttpWorld.json(endpoints.handle(post("a.example.com", "/agent/auth", "{\"type\":\"anonymous\"}")));
        String claimToken = registered.get("claim_token").asText();
        assertError(
                endpoints.handle(post(
                        "b.example.com",
                        "/agent/auth/claim",
                        EndpointFlowsTest.claimBody(claimToken, "ada@example.com"))),
                ProtocolError.INVALID_CLAIM_TOKEN);
        assertThat(mails).isEmpty();
        assertThat(endpoints
                        .handle(post(
                                "a.example.com",
                                "/agent/auth/claim",
                                EndpointFlowsTest.claimBody(claimToken, "ada@example.com")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void buildWhenAuthMdPathCollidesWithAnEndpointThenClearError() {
        HttpWorld world = HttpWorld.standard();
        AgentAuthService colliding = AgentAuthService.builder()
                .config(HttpWorld.baseConfig().authMdPath("/agent/auth").build(), HttpWorld.trustList())
                .accountResolver(world.accounts)
                .claimMailer(mail -> {})
                .build();

        assertThatThrownBy(() -> AgentAuthEndpoints.builder(colliding).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/agent/auth")
                .hasMessageContaining("register");
    }

    @Test
    void postWhenContentTypeSentTwiceThenInvalidRequest() {
        HttpRequest twice = HttpRequest.builder("POST", "/agent/auth")
                .header("Content-Type", "application/json")
                .header("Content-Type", "text/plain")
                .body("{\"type\":\"anonymous\"}")
                .build();
        HttpRequest revokeTwice = HttpRequest.builder("POST", "/agent/auth/revoke")
                .header("Content-Type", "application/logout+jwt")
                .header("Content-Type", "application/logout+jwt")
                .body(world.logoutToken().mint())
                .build();

        assertError(world.handle(twice), ProtocolError.INVALID_REQUEST);
        assertError(world.handle(revokeTwice), ProtocolError.INVALID_REQUEST);
        world.assertUntouched();
    }

    private static HttpRequest get(String host, String path) {
        return HttpRequest.builder("GET", path).header("Host", host).build();
    }

    private static HttpRequest post(String host, String path, String json) {
        return HttpRequest.builder("POST", path)
                .header("Host", host)
                .header("Content-Type", "application/json")
                .body(json)
                .remoteAddress(HttpWorld.CLIENT_IP)
                .build();
    }
}
