package dev.authmd.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes every reader in the agent client at once: a local server answers discovery, registration (both profiles), the
 * token endpoint and the API with bytes the fuzzer chose, and the client connects and calls the API. Contract: the
 * client either connects or throws an {@link AuthMdClientException} (never anything else, never a hang); a refusal
 * stores nothing; what it stores came from the answers (no credential longer than the answer it was read from).
 *
 * <p>The input is six sections separated by zero bytes: the protected resource metadata, the authorization server
 * metadata, the v0.1 registration answer, the current-profile identity answer, the token answer, and the API's
 * {@code WWW-Authenticate}. The first byte of each section picks its HTTP status; {@code {origin}} in a section is
 * replaced by the server's origin, so committed inputs stay valid on any port.
 */
class ClientAnswersFuzzTest {

    private static final List<String> PATHS = List.of(
            "/.well-known/oauth-protected-resource",
            "/.well-known/oauth-authorization-server",
            "/agent/auth",
            "/agent/identity",
            "/oauth2/token",
            "/api");
    private static final int[] STATUSES = {200, 201, 400, 401, 403, 404, 429, 500};

    private static final HttpServer SERVER = start();
    private static final String ORIGIN =
            "http://localhost:" + SERVER.getAddress().getPort();
    /**
     * Jazzer's SSRF detector would report the client's connections to this test's own server (it did, from the client's
     * connection threads); any other host or port is still reported. Set once, for every thread.
     */
    @SuppressWarnings("unused")
    private static final SilentCloseable ONLY_THIS_SERVER = BugDetectors.allowNetworkConnections((host, port) ->
            port == SERVER.getAddress().getPort() && (host.equals("localhost") || host.equals("127.0.0.1")));

    private static final AgentCredentialStore STORE = AgentCredentialStore.inMemory();
    private static final AuthMdClient CLIENT = AuthMdClient.builder()
            .allowHttpFor("localhost")
            .store(STORE)
            .connectTimeout(Duration.ofSeconds(2))
            .timeout(Duration.ofSeconds(2))
            .build();

    private static volatile Map<String, Answer> answers = Map.of();

    @FuzzTest
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void clientConnectsOrRefusesCleanly(byte[] input) throws IOException, InterruptedException {
        answers = answers(input);
        try {
            AgentSession session = CLIENT.connect(URI.create(ORIGIN));
            AgentCredentials stored = STORE.load(ORIGIN).orElseThrow();
            assertThat(stored.toString().length()).isLessThanOrEqualTo(8 * input.length + 4096);
            HttpResponse<String> api = session.send(
                    HttpRequest.newBuilder(URI.create(ORIGIN + "/api")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isBetween(100, 599);
        } catch (AuthMdClientException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        } finally {
            STORE.delete(ORIGIN);
        }
    }

    private static Map<String, Answer> answers(byte[] input) {
        List<byte[]> sections = split(input);
        Map<String, Answer> out = new HashMap<>();
        for (int i = 0; i < PATHS.size() && i < sections.size(); i++) {
            byte[] section = sections.get(i);
            if (section.length == 0) {
                continue;
            }
            String body =
                    new String(section, 1, section.length - 1, StandardCharsets.UTF_8).replace("{origin}", ORIGIN);
            out.put(PATHS.get(i), new Answer(STATUSES[(section[0] & 0xff) % STATUSES.length], body));
        }
        return out;
    }

    private static List<byte[]> split(byte[] input) {
        List<byte[]> sections = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == 0) {
                sections.add(Arrays.copyOfRange(input, from, i));
                from = i + 1;
            }
        }
        return sections;
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/", ClientAnswersFuzzTest::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Answer answer = answers.get(exchange.getRequestURI().getPath());
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            if (exchange.getRequestURI().getPath().equals("/api")) {
                exchange.getResponseHeaders().set("WWW-Authenticate", headerSafe(answer.body()));
                body = "{}".getBytes(StandardCharsets.UTF_8);
            } else {
                body = answer.body().getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A header value the JDK server will send: visible ASCII and spaces only. */
    private static String headerSafe(String value) {
        StringBuilder safe = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                safe.append(c);
            }
        }
        return safe.toString();
    }

    private record Answer(int status, String body) {}
}
