package dev.authmd.adapters.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.trust.TrustList;
import dev.authmd.spi.account.AccountResolver;
import dev.authmd.spi.account.ProvisionRequest;
import dev.authmd.spi.account.UserAccount;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter, the bridge and the resource-side helper in a real container: Jetty 12 with the webapp under the context
 * path {@code /app}.
 */
class ServletAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int ECHO_BODY_LIMIT = 4;
    private static Server server;
    private static String app;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        app = "http://localhost:" + connector.getLocalPort() + "/app";
        AgentAuthConfig config = AgentAuthConfig.builder(URI.create(app))
                .issuer(URI.create(app))
                .developmentHosts(Set.of("localhost"))
                .build();
        AgentAuthService service = AgentAuthService.builder()
                .config(config, TrustList.of(List.of()))
                .accountResolver(new NoAccounts())
                .claimMailer(mail -> {})
                .build();
        AgentAuthentication auth = new AgentAuthentication(service);

        ServletContextHandler context = new ServletContextHandler("/app");
        context.addFilter(
                new FilterHolder(
                        new AgentAuthFilter(AgentAuthEndpoints.builder(service).build(), config.maxRequestBodyBytes())),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/echo/*");
        context.addServlet(new ServletHolder(new GuardedServlet(auth)), "/guarded");
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void filterWhenPathIsAnEndpointUnderTheContextPathThenTheLibraryAnswers() throws Exception {
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(app + "/agent/auth"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"anonymous\"}")));
        HttpResponse<String> metadata =
                send(HttpRequest.newBuilder(URI.create(app + "/.well-known/oauth-authorization-server"))
                        .GET());

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(JSON.readTree(registered.body()).get("claim_url").asText()).isEqualTo(app + "/agent/auth/claim");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(metadata.body()).get("issuer").asText()).isEqualTo(app);
    }

    @Test
    void filterWhenPathIsNotAnEndpointThenTheChainGetsTheRequestWithItsBodyUnread() throws Exception {
        HttpResponse<String> echoed = send(HttpRequest.newBuilder(URI.create(app + "/echo/a%20b?x=1&y=%2F"))
                .header("X-Test", "one")
                .header("X-Test", "two")
                .POST(HttpRequest.BodyPublishers.ofString("hello world")));

        assertThat(echoed.statusCode()).isEqualTo(200);
        JsonNode seen = JSON.readTree(echoed.body());
        assertThat(seen.get("method").asText()).isEqualTo("POST");
        assertThat(seen.get("path").asText()).isEqualTo("/app/echo/a b");
        assertThat(seen.get("query").asText()).isEqualTo("x=1&y=%2F");
        assertThat(seen.get("x-test"))
                .containsExactly(
                        JSON.getNodeFactory().textNode("one"),
                        JSON.getNodeFactory().textNode("two"));
        // the bridge reads one byte past the limit, so the library can tell "too large"
        assertThat(seen.get("body").asText()).isEqualTo("hello");
        assertThat(seen.get("remote").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void requireWhenNoCredentialThen401WithChallengeAndTheRouteDoesNotRun() throws Exception {
        HttpResponse<String> denied =
                send(HttpRequest.newBuilder(URI.create(app + "/guarded")).GET());

        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Bearer ").contains("resource_metadata="));
        // no credential: no error code (RFC 6750 §3.1), only where discovery starts
        assertThat(JSON.readTree(denied.body()).has("error")).isFalse();
        assertThat(JSON.readTree(denied.body()).get("resource_metadata").asText())
                .contains("/.well-known/oauth-protected-resource");
        assertThat(denied.body()).doesNotContain("route ran");
    }

    @Test
    void requireWhenCredentialValidThenThePrincipalIsARequestAttribute() throws Exception {
        JsonNode registration = JSON.readTree(send(HttpRequest.newBuilder(URI.create(app + "/agent/auth"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"anonymous\"}")))
                .body());

        HttpResponse<String> allowed = send(HttpRequest.newBuilder(URI.create(app + "/guarded"))
                .header(
                        "Authorization",
                        "Bearer " + registration.get("credential").asText())
                .GET());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body())
                .isEqualTo(
                        "route ran for " + registration.get("registration_id").asText());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Answers what the bridge made of the request. */
    private static final class EchoServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            dev.authmd.spi.http.HttpRequest seen = ServletHttp.toRequest(req, ECHO_BODY_LIMIT);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("method", seen.method());
            body.put("path", seen.path());
            body.put("query", seen.rawQuery());
            body.put("x-test", seen.headers("x-test"));
            body.put("body", new String(seen.body(), StandardCharsets.UTF_8));
            body.put("remote", seen.remoteAddress().orElse(""));
            resp.setContentType("application/json");
            resp.getOutputStream().write(JSON.writeValueAsBytes(body));
        }
    }

    /** A host route behind the resource-side check. */
    private static final class GuardedServlet extends HttpServlet {
        private final transient AgentAuthentication auth;

        GuardedServlet(AgentAuthentication auth) {
            this.auth = auth;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (auth.require(req, resp, "api.read").isEmpty()) {
                return;
            }
            resp.setContentType("text/plain");
            resp.getWriter()
                    .write("route ran for "
                            + AgentAuthentication.principal(req).orElseThrow().registrationId());
        }
    }

    private static final class NoAccounts implements AccountResolver {
        @Override
        public Optional<UserAccount> findByVerifiedEmail(String tenantId, String email) {
            return Optional.empty();
        }

        @Override
        public Optional<UserAccount> findByVerifiedPhone(String tenantId, String phoneNumber) {
            return Optional.empty();
        }

        @Override
        public Optional<UserAccount> provision(ProvisionRequest request) {
            return Optional.empty();
        }
    }
}
