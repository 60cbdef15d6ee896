package dev.authmd.adapters.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.authmd.core.http.AgentAuthEndpoints;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.spi.http.HttpResponse;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter, the bridge, the resource-side guard and the builder on a real JDK server: the library's endpoints answer
 * their paths on every context, the host's routes get theirs with the body unread, guarded routes get the agent or the
 * challenge, and garbage gets an exact error.
 */
class JdkAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final AtomicReference<String> ECHOED = new AtomicReference<>();

    private static TestServers servers;
    private static AgentAuthHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        servers = new TestServers();
        AgentAuthentication auth = new AgentAuthentication(servers.service);
        server = servers.start(b -> b.context("/echo", exchange -> {
                    ECHOED.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    JdkHttp.write(
                            exchange,
                            HttpResponse.builder(200)
                                    .body("echoed", "text/plain")
                                    .build());
                })
                .context(
                        "/api/me",
                        auth.protect(
                                exchange -> JdkHttp.write(
                                        exchange,
                                        HttpResponse.builder(200)
                                                .body(
                                                        AgentAuthentication.principal(exchange)
                                                                .map(AgentPrincipal::registrationId)
                                                                .orElse("none"),
                                                        "text/plain")
                                                .build()),
                                "api.read"))
                .context(
                        "/api/notes",
                        auth.protect(
                                exchange -> JdkHttp.write(
                                        exchange, HttpResponse.builder(201).build()),
                                "api.write"))
                .context(
                        "/agent",
                        exchange -> JdkHttp.write(
                                exchange, HttpResponse.builder(418).build()))
                .context(
                        "/boom",
                        JdkHttp.handler(
                                request -> {
                                    throw new IllegalStateException("host bug");
                                },
                                1024)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void filterWhenAHostContextCoversAnEndpointPathThenTheLibraryAnswers() throws Exception {
        var answer = send(HttpRequest.newBuilder(uri("/agent/auth"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"anonymous\"}")));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("credential").asText()).isNotEmpty();
        // a path under the host's /agent context that the library does not serve goes to the host
        assertThat(send(HttpRequest.newBuilder(uri("/agent/other"))).statusCode())
                .isEqualTo(418);
    }

    @Test
    void serverWhenDiscoveryOrAuthMdRequestedThenServedAndHeadGetsNoBody() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri(TestServers.DISCOVERY))).statusCode())
                .isEqualTo(200);
        var head = send(HttpRequest.newBuilder(uri("/auth.md")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void filterWhenPathIsTheHostsThenItsRouteGetsTheBodyUnread() throws Exception {
        var answer = send(HttpRequest.newBuilder(uri("/echo")).POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(ECHOED.get()).isEqualTo("hello");
    }

    @Test
    void serverWhenNobodyServesThePathThenTheLibrarysJson404() throws Exception {
        var answer = send(HttpRequest.newBuilder(uri("/nothing/here")));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void registerWhenJsonIsGarbageThenInvalidRequestAndConnectionKept() throws Exception {
        var answer = send(HttpRequest.newBuilder(uri("/agent/auth"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":42")));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("invalid_request");
        assertThat(answer.headers().firstValue("Connection")).isEmpty();
    }

    @Test
    void protectWhenNoCredentialThen401WithTheChallenge() throws Exception {
        var answer = send(HttpRequest.newBuilder(uri("/api/me")));
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").contains("resource_metadata="));
    }

    @Test
    void protectWhenCredentialIsGarbageThen401InvalidToken() throws Exception {
        var answer = send(HttpRequest.newBuilder(uri("/api/me")).header("Authorization", "Bearer x.y.z"));
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void protectWhenCredentialValidThenTheRouteGetsTheAgentAndAMissingScopeGets403() throws Exception {
        var registered = send(HttpRequest.newBuilder(uri("/agent/auth"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"anonymous\"}")));
        JsonNode body = JSON.readTree(registered.body());
        String credential = body.path("credential").asText();
        var me = send(HttpRequest.newBuilder(uri("/api/me")).header("Authorization", "Bearer " + credential));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo(body.path("registration_id").asText());
        var notes = send(HttpRequest.newBuilder(uri("/api/notes"))
                .header("Authorization", "Bearer " + credential)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(notes.statusCode()).isEqualTo(403);
        assertThat(notes.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("insufficient_scope"));
    }

    @Test
    void handlerWhenItThrowsThen500ServerErrorAndTheServerKeepsServing() throws Exception {
        var answer = send(HttpRequest.newBuilder(uri("/boom")));
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("server_error");
        assertThat(answer.body()).doesNotContain("host bug");
        assertThat(send(HttpRequest.newBuilder(uri(TestServers.DISCOVERY))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void serverWhenTheRequestLineIsGarbageThen400() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void builderWhenASettingIsBadThenRefusedWithItsName() {
        var builder = AgentAuthHttpServer.builder(servers.endpoints);
        assertThatThrownBy(() -> builder.port(-1)).hasMessageContaining("port must be between 0 and 65535");
        assertThatThrownBy(() -> builder.port(65536)).hasMessageContaining("port must be between 0 and 65535");
        assertThatThrownBy(() -> builder.workers(0)).hasMessageContaining("workers must be at least 1");
        assertThatThrownBy(() -> builder.queueCapacity(0)).hasMessageContaining("queueCapacity must be at least 1");
        assertThatThrownBy(() -> builder.maxConnections(0)).hasMessageContaining("maxConnections must be at least 1");
        assertThatThrownBy(() -> builder.backlog(-1)).hasMessageContaining("backlog cannot be negative");
        assertThatThrownBy(() -> builder.maxBodyBytes(-1)).hasMessageContaining("maxBodyBytes must be between");
        assertThatThrownBy(() -> builder.requestDeadline(Duration.ofMillis(1500)))
                .hasMessageContaining("requestDeadline must be a whole number of seconds");
        assertThatThrownBy(() -> builder.responseDeadline(Duration.ZERO))
                .hasMessageContaining("responseDeadline must be a whole number of seconds");
        assertThatThrownBy(() -> builder.requestDeadline(null)).hasMessageContaining("requestDeadline cannot be null");
        assertThatThrownBy(() -> builder.context("api", exchange -> {}))
                .hasMessageContaining("a context path starts with '/'");
        builder.context("/x", exchange -> {});
        assertThatThrownBy(() -> builder.context("/x", exchange -> {})).hasMessageContaining("context already added");
        assertThatThrownBy(() -> AgentAuthHttpServer.builder((AgentAuthEndpoints) null))
                .hasMessageContaining("endpoints cannot be null");
        assertThatThrownBy(() -> AgentAuthHttpServer.builder((Function<InetSocketAddress, AgentAuthEndpoints>) null))
                .hasMessageContaining("endpointsForAddress cannot be null");
        assertThatThrownBy(() -> new AgentAuthFilter(servers.endpoints, Integer.MAX_VALUE))
                .hasMessageContaining("maxBodyBytes must be between");
        assertThatThrownBy(() -> AgentAuthHttpServer.applyJvmSettings(Duration.ofMillis(10), Duration.ofSeconds(1), 1))
                .hasMessageContaining("requestDeadline must be a whole number of seconds");
        assertThatThrownBy(() -> AgentAuthHttpServer.applyJvmSettings(Duration.ofSeconds(1), null, 1))
                .hasMessageContaining("responseDeadline cannot be null");
        assertThatThrownBy(() -> AgentAuthHttpServer.applyJvmSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("maxConnections must be at least 1");
        AgentAuthentication auth = new AgentAuthentication(servers.service);
        assertThatThrownBy(() -> auth.protect(exchange -> {}, "api.read", null))
                .hasMessageContaining("scopes cannot contain null");
    }

    @Test
    void filterWhenMountedOnTheHostsOwnServerThenServesTheEndpoints() throws Exception {
        HttpServer own = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        own.createContext(
                        "/",
                        exchange -> JdkHttp.write(
                                exchange, HttpResponse.builder(204).build()))
                .getFilters()
                .add(new AgentAuthFilter(servers.endpoints, servers.config.maxRequestBodyBytes()));
        own.start();
        try {
            String base = "http://127.0.0.1:" + own.getAddress().getPort();
            assertThat(send(HttpRequest.newBuilder(URI.create(base + TestServers.DISCOVERY)))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/mine"))).statusCode())
                    .isEqualTo(204);
        } finally {
            own.stop(0);
        }
    }

    @Test
    void builderWhenEndpointsDependOnTheAddressThenTheyGetTheBoundPort() throws Exception {
        AtomicReference<InetSocketAddress> seen = new AtomicReference<>();
        try (AgentAuthHttpServer late = AgentAuthHttpServer.builder(address -> {
                    seen.set(address);
                    return servers.endpoints;
                })
                .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .start()) {
            assertThat(seen.get().getPort()).isEqualTo(late.port()).isPositive();
        }
        var failing = AgentAuthHttpServer.builder(address -> {
                    throw new IllegalStateException("no endpoints " + address.getPort());
                })
                .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        assertThatThrownBy(failing::start).hasMessageStartingWith("no endpoints ");
    }

    @Test
    void jvmSettingsWhenStartedThenTheAdaptersValuesAreInEffect() {
        assertThat(server.jvmSettings())
                .containsEntry(JdkServerTuning.NODELAY, "true")
                .containsEntry(JdkServerTuning.MAX_REQ_TIME, "10")
                .containsEntry(JdkServerTuning.MAX_RSP_TIME, "10")
                .containsEntry(JdkServerTuning.MAX_CONNECTIONS, "1024")
                .containsEntry(JdkServerTuning.IDLE_CHECK_MILLIS, "1000");
        assertThat(List.of(System.getProperty(JdkServerTuning.NODELAY).toLowerCase(Locale.ROOT)))
                .containsExactly("true");
    }

    @Test
    void filterWhenNoRequestDeadlineThenWarns() {
        assertThat(AgentAuthFilter.warnWithoutRequestDeadline(null)).isTrue();
        assertThat(AgentAuthFilter.warnWithoutRequestDeadline("-1")).isTrue();
        assertThat(AgentAuthFilter.warnWithoutRequestDeadline("0")).isTrue();
        assertThat(AgentAuthFilter.warnWithoutRequestDeadline("ten")).isTrue();
        assertThat(AgentAuthFilter.warnWithoutRequestDeadline("10")).isFalse();
    }

    @Test
    void printableWhenPathHasControlCharactersThenTheyCannotForgeALogLine() {
        assertThat(JdkHttp.printable("/boom\r\nERROR forged\u0000\u007f")).isEqualTo("/boom??ERROR forged??");
        assertThat(JdkHttp.printable("x".repeat(500))).hasSize(201).endsWith("…");
    }

    private static URI uri(String path) {
        return TestServers.uri(server, path);
    }

    private static java.net.http.HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(
                request.timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
