package dev.authmd.adapters.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The JDK server writes an answer's headers and body as two TCP segments; with Nagle's algorithm on, the second waits
 * for the ACK of the first, which the client delays by up to 40 ms. On one keep-alive connection every request then
 * takes ~40 ms instead of well under one. A correctness test for that known pathology (the adapter turns
 * {@code TCP_NODELAY} on), not a benchmark: the bound is half the stall.
 */
class KeepAliveLatencyTest {

    @Test
    void keepAliveWhenFiftySequentialRequestsThenMedianUnder20ms() throws Exception {
        TestServers servers = new TestServers();
        try (AgentAuthHttpServer server = servers.start(b -> b);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            byte[] request = ("GET " + TestServers.DISCOVERY + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            for (int warmUp = 0; warmUp < 20; warmUp++) {
                exchange(out, in, request);
            }
            long[] millis = new long[50];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                assertThat(exchange(out, in, request)).startsWith("HTTP/1.1 200");
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(millis);
            assertThat(millis[millis.length / 2])
                    .as("median of 50 keep-alive requests, ms: %s", Arrays.toString(millis))
                    .isLessThan(20);
            assertThat(server.jvmSettings()).containsEntry(JdkServerTuning.NODELAY, "true");
        }
    }

    /** Sends one request and reads its whole answer (headers, then Content-Length bytes); returns the status line. */
    static String exchange(OutputStream out, InputStream in, byte[] request) throws IOException {
        out.write(request);
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-answer");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        long length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        if (in.readNBytes((int) length).length != length) {
            throw new IOException("connection closed mid-body");
        }
        return headers.substring(0, headers.indexOf("\r\n"));
    }
}
