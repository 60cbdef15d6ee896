package dev.authmd.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.examples.demo.DemoOptions;
import dev.authmd.examples.e2e.AdjustableClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One scripted run over HTTP against the example on the starter, then what its operators see: the {@code authmd.*}
 * meters in {@code /actuator/prometheus} with exactly the counts the run left, and the {@code authmd} health component.
 * The application has rate limits on, as deployed.
 */
class SpringBootMetricsE2eTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SpringDemoServer server;
    private static AgentAuthConfig config;

    @BeforeAll
    static void start() {
        server = SpringDemoServer.start(
                DemoOptions.parse(new String[] {"--port", "0"}, Map.of()), new AdjustableClock());
        config = server.context().getBean(AgentAuthConfig.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void scriptedRunWhenScrapedThenTheMetersCountExactlyWhatHappened() throws Exception {
        // v0.1: an anonymous registration, two ID-JAG registrations (the keys fetched once, then cached),
        // a garbage assertion, a logout token
        assertThat(postJson(config.registerUri(), "{\"type\":\"anonymous\"}").statusCode())
                .isEqualTo(200);
        for (String email : new String[] {"alice@example.com", "erin@example.com"}) {
            assertThat(postJson(config.registerUri(), idJagBody(mint(email))).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> garbage = postJson(config.registerUri(), idJagBody("x.y.z"));
        String garbageCode = JSON.readTree(garbage.body()).get("error").asText();
        assertThat(postJson(server.baseUrl().resolve("/demo/provider/logout"), "{\"email\":\"alice@example.com\"}")
                        .statusCode())
                .isEqualTo(200);
        // the current profile: an anonymous identity, exchanged, and the access token given up (RFC 7009)
        HttpResponse<String> identity = postJson(config.identityEndpoint(), "{\"type\":\"anonymous\"}");
        String assertion =
                JSON.readTree(identity.body()).get("identity").get("assertion").asText();
        HttpResponse<String> token = postForm(
                config.tokenEndpoint(),
                "grant_type=" + encode("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion="
                        + encode(assertion));
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).get("access_token").asText();
        assertThat(postForm(config.tokenRevocationEndpoint(), "token=" + encode(accessToken))
                        .statusCode())
                .isEqualTo(200);

        String scrape = get(server.baseUrl().resolve("/actuator/prometheus")).body();

        assertThat(count(
                        scrape,
                        "authmd_registrations_total",
                        "profile",
                        "v0.1",
                        "type",
                        "anonymous",
                        "outcome",
                        "success"))
                .isEqualTo(1);
        assertThat(count(
                        scrape,
                        "authmd_registrations_total",
                        "profile",
                        "v0.1",
                        "type",
                        "identity_assertion",
                        "outcome",
                        "success"))
                .isEqualTo(2);
        assertThat(count(
                        scrape,
                        "authmd_registrations_total",
                        "profile",
                        "v0.1",
                        "type",
                        "identity_assertion",
                        "outcome",
                        "rejected"))
                .isEqualTo(1);
        assertThat(count(scrape, "authmd_rejections_total", "profile", "v0.1", "code", garbageCode))
                .isEqualTo(1);
        assertThat(count(scrape, "authmd_revocations_total", "kind", "logout_token", "outcome", "success"))
                .isEqualTo(1);
        assertThat(count(
                        scrape,
                        "authmd_registrations_total",
                        "profile",
                        "current",
                        "type",
                        "anonymous",
                        "outcome",
                        "success"))
                .isEqualTo(1);
        assertThat(count(scrape, "authmd_token_exchanges_total", "outcome", "success"))
                .isEqualTo(1);
        assertThat(count(scrape, "authmd_revocations_total", "kind", "rfc7009", "outcome", "success"))
                .isEqualTo(1);
        // the demo provider's keys came over HTTP once: a miss and a download; the second ID-JAG and the logout token
        // hit
        assertThat(count(scrape, "authmd_keys_refreshes_total", "outcome", "success"))
                .isEqualTo(1);
        assertThat(count(scrape, "authmd_keys_cache_total", "result", "miss")).isEqualTo(1);
        assertThat(count(scrape, "authmd_keys_cache_total", "result", "hit")).isEqualTo(2);
        assertThat(count(scrape, "authmd_keys_fetch_seconds_count", "outcome", "success"))
                .isEqualTo(1);
        assertThat(count(scrape, "authmd_assertion_verification_seconds_count", "kind", "id_jag"))
                .isEqualTo(3);

        JsonNode health =
                JSON.readTree(get(server.baseUrl().resolve("/actuator/health")).body());
        assertThat(health.at("/components/authmd/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/authmd/details/providerKeys")
                        .get("default " + server.baseUrl() + "/demo/provider")
                        .asText())
                .isEqualTo("fresh");
    }

    /** The sum of the samples of one meter whose labels include every given pair. */
    private static double count(String scrape, String name, String... labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(scrape);
        double sum = 0;
        while (m.find()) {
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= m.group(1).contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static String mint(String email) throws IOException, InterruptedException {
        HttpResponse<String> minted =
                postJson(server.baseUrl().resolve("/demo/provider/id-jag"), "{\"email\":\"" + email + "\"}");
        return JSON.readTree(minted.body()).get("assertion").asText();
    }

    private static String idJagBody(String assertion) {
        return "{\"type\":\"identity_assertion\",\"assertion_type\":\"urn:ietf:params:oauth:token-type:id-jag\","
                + "\"assertion\":\"" + assertion + "\"}";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(URI uri, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(URI uri, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
