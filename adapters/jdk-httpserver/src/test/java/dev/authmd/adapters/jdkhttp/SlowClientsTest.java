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
 * deadline, as many idle connections as there are workers stop the server (the demo used to have eight). Here 100 slow
 * connections (nothing sent, one byte, partial headers, a body shorter than its Content-Length, a chunk that never
 * arrives) are opened first; a normal request must still be answered well within the deadline, and every slow
 * connection must be closed within the request deadline plus the JDK timer's one-second tick (and slack). With the
 * workers capped below the number of slow connections, the server serves again as soon as the deadline has closed them.
 */
class SlowClientsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final int EACH_KIND = 20;

    @Test
    void slowClientsWhenHundredsOpenThenANormalRequestIsServedAndTheyCloseAtTheDeadline() throws Exception {
        TestServers servers = new TestServers();
        try (AgentAuthHttpServer server = servers.start(b -> b.requestDeadline(DEADLINE))) {
            HttpClient client = client();
            assertThat(get(client, server).statusCode()).isEqualTo(200); // warm: the client's own start-up is not timed
            long opened = System.nanoTime();
            List<Socket> slow = openSlowConnections(server);

            long sent = System.nanoTime();
            assertThat(get(client, server).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - sent))
                    .as("a normal request among the slow ones (a stalled worker would take the deadline)")
                    .isLessThan(DEADLINE);

            assertAllClosedWithinTheDeadline(slow, opened);
            assertThat(server.jvmSettings()).containsEntry(JdkServerTuning.MAX_REQ_TIME, "2");
        }
    }

    @Test
    void slowClientsWhenMoreThanWorkersThenServedAgainOnceTheDeadlineClosedThem() throws Exception {
        TestServers servers = new TestServers();
        try (AgentAuthHttpServer server = servers.start(b -> b.workers(4).requestDeadline(DEADLINE))) {
            long opened = System.nanoTime();
            List<Socket> slow = openSlowConnections(server);
            assertAllClosedWithinTheDeadline(slow, opened);
            assertThat(get(client(), server).statusCode()).isEqualTo(200);
        }
    }

    private static List<Socket> openSlowConnections(AgentAuthHttpServer server) throws IOException {
        List<String> kinds = List.of(
                "",
                "G",
                "GET /auth.md HTTP/1.1\r\nHost: localhost\r\nX-Slow: ",
                post("Content-Length: 100", "{\"type\":"),
                post("Transfer-Encoding: chunked", "7fffffff\r\n{\"ty"));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < EACH_KIND; i++) {
            for (String partial : kinds) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                if (!partial.isEmpty()) {
                    socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
                slow.add(socket);
            }
        }
        return slow;
    }

    private static void assertAllClosedWithinTheDeadline(List<Socket> slow, long openedNanos) throws IOException {
        // the deadline, the JDK timer's one-second tick, and slack for a loaded machine; without a deadline they stay
        // open for good (the socket timeout below)
        Duration closeBound = DEADLINE.plusSeconds(5);
        for (int i = 0; i < slow.size(); i++) {
            try (Socket socket = slow.get(i)) {
                socket.setSoTimeout(10_000);
                assertThat(readUntilClosed(socket.getInputStream()))
                        .as("slow connection %d still open", i)
                        .isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - openedNanos))
                        .as("slow connection %d closed by", i)
                        .isLessThan(closeBound);
            }
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static HttpResponse<String> get(HttpClient client, AgentAuthHttpServer server) throws Exception {
        return client.send(
                HttpRequest.newBuilder(TestServers.uri(server, TestServers.DISCOVERY))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void chunkedWhenChunkSizeIsGarbageThen400AndConnectionClosed() throws Exception {
        TestServers servers = new TestServers();
        try (AgentAuthHttpServer server = servers.start(b -> b.requestDeadline(DEADLINE));
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
