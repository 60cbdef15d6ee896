package dev.authmd.adapters.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The library refuses a body over its limit after reading one byte more than the limit. If the server then closed the
 * connection with the rest unread, the client, still sending, would get a reset instead of the {@code 400}. The adapter
 * drains (up to 1 MiB) or lingers, and says {@code Connection: close}.
 */
class OversizedBodyTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void oversizedWhenOneMegabyteBodySentThenEvery400ArrivesAndTheNextRequestIsServed() throws Exception {
        TestServers servers = new TestServers();
        byte[] body = jsonOfSize(1_000_000);
        try (AgentAuthHttpServer server = servers.start(b -> b)) {
            int refused = 0;
            int served = 0;
            for (int i = 0; i < 100; i++) {
                try {
                    HttpResponse<String> answer = CLIENT.send(post(server, body), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 400
                            && answer.body().contains("\"error\":\"invalid_request\"")
                            && answer.headers().firstValue("Connection").equals(Optional.of("close"))) {
                        refused++;
                    }
                } catch (IOException lost) {
                    // the answer was lost to a reset: counted as missing below
                }
                HttpResponse<String> next = CLIENT.send(
                        HttpRequest.newBuilder(TestServers.uri(server, TestServers.DISCOVERY))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (next.statusCode() == 200) {
                    served++;
                }
            }
            assertThat(refused).as("400 answers received, of 100").isEqualTo(100);
            assertThat(served)
                    .as("200 answers to the request after each, of 100")
                    .isEqualTo(100);
        }
    }

    @Test
    void oversizedWhenBodyExceedsTheDrainLimitThenThe400StillArrives() throws Exception {
        TestServers servers = new TestServers();
        try (AgentAuthHttpServer server = servers.start(b -> b)) {
            for (int size : new int[] {3 * JdkHttp.DRAIN_LIMIT, 16 * JdkHttp.DRAIN_LIMIT}) {
                byte[] body = jsonOfSize(size);
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> answer = CLIENT.send(post(server, body), HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode())
                            .as("%d bytes, try %d", size, i)
                            .isEqualTo(400);
                    assertThat(answer.body()).contains("\"error\":\"invalid_request\"");
                }
            }
        }
    }

    @Test
    void oversizedWhenTheEarlyAnswerHasNoBodyThenItArrivesToo() throws Exception {
        TestServers servers = new TestServers();
        try (AgentAuthHttpServer server = servers.start(b -> b.context(
                "/refuse",
                exchange -> JdkHttp.write(
                        exchange, dev.authmd.spi.http.HttpResponse.builder(413).build())))) {
            for (int size : new int[] {1_000_000, 3 * JdkHttp.DRAIN_LIMIT, 16 * JdkHttp.DRAIN_LIMIT}) {
                byte[] body = jsonOfSize(size);
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> answer = CLIENT.send(
                            HttpRequest.newBuilder(TestServers.uri(server, "/refuse"))
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode())
                            .as("%d bytes, try %d", size, i)
                            .isEqualTo(413);
                    assertThat(answer.headers().firstValue("Connection")).hasValue("close");
                }
            }
        }
    }

    private static HttpRequest post(AgentAuthHttpServer server, byte[] body) {
        return HttpRequest.newBuilder(TestServers.uri(server, "/agent/auth"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** {"type":"anonymous","pad":"xxxx…"} of exactly the given size. */
    static byte[] jsonOfSize(int size) {
        byte[] prefix = "{\"type\":\"anonymous\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }
}
