package dev.authmd.adapters.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JDK server reads a request's headers, and the adapter its body, on a worker thread in blocking mode. Without a
 * deadline, as many idle connections as there are workers stop the server. Here twice as many slow connections as
 * workers (one byte, partial headers, a body shorter than its Content-Length, a chunk that never arrives) are opened
 * first; a normal request must still be answered within a few seconds, and every slow connection must be closed within
 * the request deadline plus the JDK timer's one-second tick.
 */
class SlowClientsTest {

    private static final int WORKERS = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Test
    void slowConnectionsAreClosedAtTheDeadlineAndANormalRequestGetsThrough() throws Exception {
        TestServers servers = new TestServers();
        try (AgentAuthHttpServer server = servers.start(b -> b.workers(WORKERS).requestDeadline(DEADLINE))) {
            List<String> slowRequests = List.of(
                    "G",
                    "G",
                    "GET /auth.md HTTP/1.1\r\nHost: localhost\r\n",
                    "GET /auth.md HTTP/1.1\r\nHost: localhost\r\nX-Slow: ",
                    post("Content-Length: 100", "{\"type\":"),
                    post("Content-Length: 100", "{\"type\":\"anonymous\""),
                    post("Transfer-Encoding: chunked", "7fffffff\r\n{\"ty"),
                    post("Transfer-Encoding: chunked", "10\r\n{\"type\":"));
            List<Socket> slow = new ArrayList<>();
            long opened = System.nanoTime();
            for (String partial : slowRequests) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }

            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            long sent = System.nanoTime();
            HttpResponse<String> normal = client.send(
                    HttpRequest.newBuilder(TestServers.uri(server, TestServers.DISCOVERY))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(normal.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(5));

            Duration closeBound = DEADLINE.plusSeconds(2);
            for (int i = 0; i < slow.size(); i++) {
                try (Socket socket = slow.get(i)) {
                    socket.setSoTimeout(10_000);
                    assertThat(readUntilClosed(socket.getInputStream()))
                            .as(
                                    "slow connection %d (%s)",
                                    i, slowRequests.get(i).replace("\r\n", "\\r\\n"))
                            .isTrue();
                    assertThat(Duration.ofNanos(System.nanoTime() - opened))
                            .as("slow connection %d closed by", i)
                            .isLessThan(closeBound);
                }
            }
            assertThat(server.jvmSettings()).containsEntry(JdkServerTuning.MAX_REQ_TIME, "2");
        }
    }

    @Test
    void aMalformedChunkSizeGetsA400AndTheConnectionClosed() throws Exception {
        TestServers servers = new TestServers();
        try (AgentAuthHttpServer server = servers.start(b -> b.workers(WORKERS).requestDeadline(DEADLINE));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(post("Transfer-Encoding: chunked", "zz\r\n{}\r\n0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"error\":\"invalid_request\"");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
        }
    }

    private static String post(String framing, String partialBody) {
        return "POST /agent/auth HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + framing
                + "\r\n\r\n" + partialBody;
    }

    /** @return true once the server closed (EOF or reset); false if it was still open after the socket timeout */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // an answer (a 400) may come before the close; only the close matters here
            }
            return true;
        } catch (SocketException e) {
            return true; // reset
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
