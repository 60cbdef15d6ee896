package dev.authmd.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.examples.e2e.AdjustableClock;
import dev.authmd.examples.e2e.SlowClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tomcat's deadline on slow connections (security issue 16, part 4): Tomcat's default connection timeout is 60 s; the
 * example sets 10 s (application.properties). Here with 2 s: a normal request is served among fifty slow connections,
 * and every one is closed within the deadline plus slack.
 */
class SpringBootSlowClientsTest {

    @Test
    void slowClientsWhenFiftyOpenThenANormalRequestIsServedAndTheyCloseAtTheDeadline() throws Exception {
        try (SpringDemoServer server = SpringDemoServer.start(
                        DemoOptions.parse(new String[] {"--port", "0", "--rate-limits", "off"}, Map.of()),
                        new AdjustableClock(),
                        Map.of("server.tomcat.connection-timeout", "2s"));
                SlowClients slow = SlowClients.open(server.port(), 10)) {
            HttpResponse<String> normal = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/auth.md"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(normal.statusCode()).isEqualTo(200);
            assertThat(slow.stillOpenAfter(Duration.ofSeconds(7))).isZero();
        }
    }
}
