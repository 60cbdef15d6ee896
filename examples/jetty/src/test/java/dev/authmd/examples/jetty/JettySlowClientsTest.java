package dev.authmd.examples.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.examples.e2e.SlowClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jetty's deadline on slow connections (security issue 16, part 4): with Jetty's default idle timeout (30 s) fifty slow
 * connections stay open for half a minute, their request bodies holding workers; the example sets 10 s. Here with 2 s:
 * a normal request is served among them, and every one is closed within the deadline plus slack.
 */
class JettySlowClientsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Test
    void slowClientsWhenFiftyOpenThenANormalRequestIsServedAndTheyCloseAtTheDeadline() throws Exception {
        try (JettyDemoServer jetty = JettyDemoServer.start(
                        DemoOptions.parse(new String[] {"--port", "0", "--rate-limits", "off"}, Map.of()),
                        Clock.systemUTC(),
                        DEADLINE);
                SlowClients slow = SlowClients.open(jetty.port(), 10)) {
            HttpResponse<String> normal = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + jetty.port() + "/auth.md"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(normal.statusCode()).isEqualTo(200);
            assertThat(slow.stillOpenAfter(DEADLINE.plusSeconds(5))).isZero();
        }
    }

    @Test
    void idleTimeoutWhenTheExampleStartsThenTenSecondsNotJettysThirty() {
        assertThat(JettyDemoServer.IDLE_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    }
}
