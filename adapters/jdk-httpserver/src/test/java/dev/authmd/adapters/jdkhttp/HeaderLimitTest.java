package dev.authmd.adapters.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Security finding 7: an oversized header set got its connection reset, with no status a client could act on. Now a
 * header set past 100 fields or 16 KiB is answered {@code 431} (the JDK itself gives up only past 1,000 fields).
 */
class HeaderLimitTest {

    private static String exchange(AgentAuthHttpServer server, String headers) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /.well-known/oauth-protected-resource HTTP/1.1\r\nHost: localhost\r\n" + headers
                                    + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String fields(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("X-Field-").append(i).append(": v\r\n");
        }
        return out.toString();
    }

    @Test
    void requestWhenTooManyOrTooLargeHeadersThen431AndTheConnectionClosed() throws Exception {
        try (AgentAuthHttpServer server = new TestServers().start(b -> b.requestDeadline(Duration.ofSeconds(2)))) {
            String many = exchange(server, fields(150));
            String large = exchange(server, "X-Large: " + "a".repeat(20 * 1024) + "\r\n");
            String normal = exchange(server, fields(20) + "Connection: close\r\n");

            assertThat(many).startsWith("HTTP/1.1 431").contains("\"error\":\"invalid_request\"");
            assertThat(many.toLowerCase(Locale.ROOT)).contains("connection: close");
            assertThat(large).startsWith("HTTP/1.1 431");
            assertThat(normal).startsWith("HTTP/1.1 200");
            assertThat(server.jvmSettings()).containsEntry(JdkServerTuning.MAX_REQ_HEADERS, "1000");
        }
    }
}
