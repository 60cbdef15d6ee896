package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Security finding 7: the demo listened on every interface and its development provider (a token mint anyone could
 * call) had no switch. Now it listens on this machine only unless {@code --bind} says otherwise, the provider can be
 * switched off, and the start says both.
 */
class DemoExposureTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String walkthrough(DemoServer demo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        demo.printWalkthrough(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void startWhenDefaultsThenListensOnLoopbackOnlyAndSaysSo() throws Exception {
        try (DemoServer demo =
                DemoServer.start(DemoOptions.parse(new String[] {"--port", "0"}, Map.of()), Clock.systemUTC())) {
            assertThat(demo.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(walkthrough(demo))
                    .contains("listening   127.0.0.1 (this machine only; --bind 0.0.0.0 for every interface)")
                    .contains("demo agent provider on (trusted)");
        }
    }

    @Test
    void startWhenTheDemoProviderIsOffThenItsRoutesAreGoneItIsNotTrustedAndTheStartSaysSo() throws Exception {
        try (DemoServer demo = DemoServer.start(
                DemoOptions.parse(new String[] {"--port", "0", "--demo-provider", "off"}, Map.of()),
                Clock.systemUTC())) {
            URI base = URI.create("http://localhost:" + demo.port());
            HttpResponse<String> mint = HTTP.send(
                    HttpRequest.newBuilder(base.resolve("/demo/provider/id-jag"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"eve@example.com\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> keys = HTTP.send(
                    HttpRequest.newBuilder(base.resolve("/demo/provider/jwks.json"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            // an ID-JAG naming the demo provider is refused as from an untrusted issuer (a trusted one would get as
            // far as its signature)
            String forged = IdJagMinter.builder(ProviderKeys.generate(ProviderKeys.KeyType.EC_P256))
                    .issuer(base + "/demo/provider")
                    .subject("eve")
                    .audience(base.toString())
                    .email("eve@example.com")
                    .emailVerified(true)
                    .mint();
            HttpResponse<String> registered = HTTP.send(
                    HttpRequest.newBuilder(base.resolve("/agent/auth"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"identity_assertion\","
                                    + "\"assertion_type\":\"urn:ietf:params:oauth:token-type:id-jag\","
                                    + "\"assertion\":\"" + forged + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(mint.statusCode()).isEqualTo(404);
            assertThat(keys.statusCode()).isEqualTo(404);
            assertThat(registered.statusCode()).isEqualTo(400);
            assertThat(registered.body()).contains("\"invalid_issuer\"");
            assertThat(walkthrough(demo)).contains("demo agent provider off (--demo-provider off)");
        }
    }
}
