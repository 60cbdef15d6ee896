package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo over real HTTP: discovery, the walkthrough's anonymous and ID-JAG steps, revocation. */
class DemoServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DemoServer demo;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(DemoOptions.parse(new String[] {"--port", "0"}, Map.of()), Clock.systemUTC());
        base = "http://localhost:" + demo.port();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void discoveryWhenFetchedThenDocumentsUseThePublicUrl() throws Exception {
        HttpResponse<String> prm = get("/.well-known/oauth-protected-resource");
        HttpResponse<String> authMd = get("/auth.md");

        assertThat(prm.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(prm.body()).get("resource").asText()).isEqualTo(base);
        assertThat(authMd.headers().firstValue("Content-Type")).contains("text/markdown; charset=utf-8");
        assertThat(authMd.body()).contains(base + "/agent/auth");
    }

    @Test
    void apiWhenAnonymousKeyThenReadAllowedWriteForbidden() throws Exception {
        HttpResponse<String> unauthenticated = get("/api/me");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer resource_metadata=\"" + base + "/.well-known/oauth-protected-resource\"");

        JsonNode registration = post("/agent/auth", "{\"type\":\"anonymous\"}");
        String key = registration.get("credential").asText();

        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/me"))
                                .header("Authorization", "Bearer " + key)
                                .GET())
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/notes"))
                                .header("Authorization", "Bearer " + key)
                                .POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void idJagWhenMintedByDemoProviderThenAccessTokenUntilLogout() throws Exception {
        JsonNode minted = post("/demo/provider/id-jag", "{\"email\":\"erin@example.com\"}");
        JsonNode registration = post(
                "/agent/auth",
                "{\"type\":\"identity_assertion\",\"assertion_type\":"
                        + "\"urn:ietf:params:oauth:token-type:id-jag\",\"assertion\":\""
                        + minted.get("assertion").asText() + "\"}");
        String token = registration.get("credential").asText();
        assertThat(registration.get("registration_type").asText()).isEqualTo("agent-provider");
        assertThat(registration.get("credential_type").asText()).isEqualTo("access_token");

        HttpRequest.Builder me =
                HttpRequest.newBuilder(URI.create(base + "/api/me")).header("Authorization", "Bearer " + token);
        assertThat(send(me.GET()).statusCode()).isEqualTo(200);

        JsonNode logout = post("/demo/provider/logout", "{\"email\":\"erin@example.com\"}");
        assertThat(logout.get("revocation_status").asInt()).isEqualTo(200);
        assertThat(send(me.GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void bulkMintWhenCountValidThenThatManyUniqueTokensEachRegistersOnce() throws Exception {
        HttpResponse<String> minted = postRaw("/demo/provider/id-jags", "{\"count\":3,\"prefix\":\"bulk\"}");

        assertThat(minted.statusCode()).isEqualTo(200);
        assertThat(minted.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        String[] tokens = minted.body().strip().split("\n");
        assertThat(tokens).hasSize(3).doesNotHaveDuplicates();
        for (String token : tokens) {
            JsonNode registration = post(
                    "/agent/auth",
                    "{\"type\":\"identity_assertion\",\"assertion_type\":"
                            + "\"urn:ietf:params:oauth:token-type:id-jag\",\"assertion\":\"" + token + "\"}");
            assertThat(registration.get("registration_type").asText()).isEqualTo("agent-provider");
        }
    }

    @Test
    void bulkMintWhenCountMissingOutOfRangeOrNotANumberThen400AndNoToken() throws Exception {
        for (String body : new String[] {
            "{}", "{\"count\":0}", "{\"count\":-1}", "{\"count\":20001}", "{\"count\":\"many\"}", "[]", "not json"
        }) {
            HttpResponse<String> refused = postRaw("/demo/provider/id-jags", body);

            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).get("error").asText())
                    .as(body)
                    .isEqualTo("invalid_request");
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/demo/provider/id-jags"))
                                .GET())
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    void mintWhenSubGivenThenThatSubjectElseTheOneDerivedFromTheEmail() throws Exception {
        assertThat(post("/demo/provider/id-jag", "{\"email\":\"sub@example.com\",\"sub\":\"second-id\"}")
                        .get("sub")
                        .asText())
                .isEqualTo("second-id");
        assertThat(post("/demo/provider/id-jag", "{\"email\":\"sub@example.com\",\"sub\":\"has space\"}")
                        .get("sub")
                        .asText())
                .as("a sub with a space is not taken")
                .startsWith("demo-user-");
    }

    @Test
    void walkthroughWhenPrintedThenNamesEveryFlowWithRealUrls() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        demo.printWalkthrough(new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(text)
                .contains(
                        base + "/agent/auth",
                        base + "/agent/auth/claim/complete",
                        base + "/demo/provider/id-jag",
                        base + "/demo/provider/logout",
                        "verified_email");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static HttpResponse<String> postRaw(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
