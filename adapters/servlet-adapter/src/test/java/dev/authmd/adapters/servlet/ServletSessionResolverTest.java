package dev.authmd.adapters.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.trust.TrustList;
import dev.authmd.spi.account.SignedInUser;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
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
 * A servlet host's own login behind the current profile's claim page, in Jetty 12: the host keeps its user in the
 * {@code HttpSession}, and {@link ServletSessionResolver} reads it from the request {@link AgentAuthFilter} serves.
 */
class ServletSessionResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Server server;
    private static String app;
    private static AgentAuthService service;

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
        service = AgentAuthService.builder()
                .config(config, TrustList.of(List.of()))
                .claimMailer(mail -> {})
                .sessionResolver(ServletSessionResolver.of(
                        request -> Optional.ofNullable(request.getSession(false))
                                .map(session -> (String) session.getAttribute("user"))
                                .map(user -> new SignedInUser(user, List.of(user + "@example.com"))),
                        (request, returnTo) -> URI.create(
                                app + "/login?next=" + URLEncoder.encode(returnTo.toString(), StandardCharsets.UTF_8))))
                .build();
        ServletContextHandler context = new ServletContextHandler("/app", ServletContextHandler.SESSIONS);
        context.addFilter(
                new FilterHolder(
                        new AgentAuthFilter(AgentAuthEndpoints.builder(service).build(), config.maxRequestBodyBytes())),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new LoginServlet()), "/login");
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void claimPageWhenTheHostsSessionHoldsTheOwnerThenTheFormElseTheHostsLogin() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JsonNode registration = JSON.readTree(browser.send(
                        HttpRequest.newBuilder(URI.create(app + "/agent/identity"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"type\":\"service_auth\",\"login_hint\":\"ada@example.com\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        URI link = URI.create(registration.at("/claim/attempt/verification_uri").asText());

        HttpResponse<String> before =
                browser.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(before.statusCode()).isEqualTo(303);
        URI login = URI.create(before.headers().firstValue("Location").orElseThrow());
        assertThat(login.toString()).startsWith(app + "/login?next=");
        browser.send(
                HttpRequest.newBuilder(URI.create(login + "&as=eve")).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> wrong =
                browser.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
        browser.send(
                HttpRequest.newBuilder(URI.create(login + "&as=ada")).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> owner =
                browser.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("Wrong account");
        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(owner.body()).contains("ada@example.com").contains("id=\"confirm\"");
    }

    @Test
    void signedInWhenAskedOutsideTheFilterThenNobody() {
        assertThat(service.sessionResolver()
                        .orElseThrow()
                        .signedIn(dev.authmd.spi.http.HttpRequest.builder("GET", "/x")
                                .header("Cookie", "JSESSIONID=anything")
                                .build()))
                .isEmpty();
    }

    @Test
    void ofWhenAnArgumentIsNullThenNullPointerNamingIt() {
        org.assertj.core.api.Assertions.assertThatNullPointerException()
                .isThrownBy(() -> ServletSessionResolver.of(null, (request, returnTo) -> returnTo))
                .withMessage("lookup cannot be null");
        org.assertj.core.api.Assertions.assertThatNullPointerException()
                .isThrownBy(() -> ServletSessionResolver.of(request -> Optional.empty(), null))
                .withMessage("login cannot be null");
    }

    /** The host's login: {@code ?as=<user>} signs that user in to the servlet session. */
    static final class LoginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            String user = request.getParameter("as");
            if (user != null) {
                request.getSession(true).setAttribute("user", user);
            }
            response.setStatus(204);
        }
    }
}
