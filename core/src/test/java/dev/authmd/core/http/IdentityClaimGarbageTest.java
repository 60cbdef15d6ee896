package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbage fed to the current profile's claim endpoints and page, with the host's sign-in wired: exact status and code,
 * and nothing changed — no registration written, no attempt started, no code minted (the per-IP counter aside).
 */
class IdentityClaimGarbageTest {

    private static final String CLAIM = "/agent/identity/claim";
    private static final String COMPLETE = "/agent/identity/claim/complete";
    private static final String PAGE = "/agent/identity/claim/view";

    private final HttpWorld world = HttpWorld.withSignIn(RateLimitPolicy.none());
    private String claimToken;

    @BeforeEach
    void pendingRegistration() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        claimToken = json(world.postJson(
                        HttpWorld.IDENTITY, "{\"type\":\"service_auth\",\"login_hint\":\"ada@example.com\"}"))
                .at("/claim/token")
                .asText();
        world.resetRecords();
    }

    static Stream<Arguments> jsonGarbage() {
        String big = "{\"claim_token\":\"" + "x".repeat(70_000) + "\"}";
        return Stream.of(
                arguments(CLAIM, "text/plain", "{\"claim_token\":\"clm_x\"}", "invalid_request"),
                arguments(CLAIM, null, "{\"claim_token\":\"clm_x\"}", "invalid_request"),
                arguments(CLAIM, "application/json", "", "invalid_request"),
                arguments(CLAIM, "application/json", "[]", "invalid_request"),
                arguments(
                        CLAIM, "application/json", "{\"claim_token\":\"a\",\"claim_token\":\"b\"}", "invalid_request"),
                arguments(CLAIM, "application/json", "{}", "invalid_request"),
                arguments(CLAIM, "application/json", "{\"claim_token\":7}", "invalid_request"),
                arguments(CLAIM, "application/json", "{\"claim_token\":\"\"}", "invalid_request"),
                arguments(CLAIM, "application/json", "{\"claim_token\":\"clm_x\",\"login_hint\":7}", "invalid_request"),
                arguments(
                        CLAIM,
                        "application/json",
                        "{\"type\":\"anonymous\",\"claim_token\":\"clm_x\"}",
                        "invalid_request"),
                arguments(CLAIM, "application/json", "{\"type\":7,\"claim_token\":\"clm_x\"}", "invalid_request"),
                arguments(CLAIM, "application/json", big, "invalid_request"),
                arguments(
                        CLAIM,
                        "application/json",
                        "{\"claim_token\":\"clm_unknown\",\"login_hint\":\"a@example.com\"}",
                        "invalid_claim_token"),
                arguments(COMPLETE, "text/plain", "{}", "invalid_request"),
                arguments(COMPLETE, "application/json", "{\"claim_token\":\"clm_x\"}", "invalid_request"),
                arguments(COMPLETE, "application/json", "{\"user_code\":\"123-456\"}", "invalid_request"),
                arguments(
                        COMPLETE,
                        "application/json",
                        "{\"claim_token\":\"clm_x\",\"user_code\":123456}",
                        "invalid_request"),
                arguments(
                        COMPLETE,
                        "application/json",
                        "{\"claim_token\":\"clm_x\",\"user_code\":\"\"}",
                        "invalid_request"),
                arguments(
                        COMPLETE,
                        "application/json",
                        "{\"claim_token\":\"clm_x\",\"user_code\":\"" + "1".repeat(65) + "\"}",
                        "invalid_request"),
                arguments(
                        COMPLETE,
                        "application/json",
                        "{\"claim_token\":\"clm_unknown\",\"user_code\":\"123-456\"}",
                        "invalid_claim_token"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("jsonGarbage")
    void claimEndpointsWhenGarbageThenExactCodeAndNothingChanged(
            String path, String contentType, String body, String code) {
        HttpResponse response = world.post(path, contentType, body.getBytes(StandardCharsets.UTF_8));

        assertThat(json(response).get("error").asText()).isEqualTo(code);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(world.stores.writes().keySet()).allMatch(w -> w.startsWith("rateLimits."));
    }

    static Stream<Arguments> pageGarbage() {
        return Stream.of(
                arguments("no cookie", null, "token=att_x&csrf=c&action=confirm"),
                arguments("unknown user", "session=u-nobody", "token=att_x&csrf=c&action=confirm"),
                arguments("no token", "session=u-ada", "csrf=c&action=confirm"),
                arguments("no csrf", "session=u-ada", "token=att_x&action=confirm"),
                arguments("unknown action", "session=u-ada", "token=att_x&csrf=c&action=approve"),
                arguments("broken form", "session=u-ada", "token=%zz"),
                arguments("unknown link", "session=u-ada", "token=att_unknown&csrf=c&action=confirm"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pageGarbage")
    void pagePostWhenGarbageThen403AndNothingDecided(String name, String cookie, String form) {
        HttpRequest.Builder request = HttpRequest.builder("POST", PAGE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }

        HttpResponse response = world.handle(request.build());

        assertThat(response.status()).isEqualTo(403);
        assertThat(world.stores.writes()).isEmpty();
    }

    static Stream<Arguments> pageGets() {
        return Stream.of(
                arguments("GET", null, 410),
                arguments("GET", "token=", 410),
                arguments("GET", "token=att_unknown", 410),
                arguments("GET", "token=" + "a".repeat(5000), 410),
                arguments("HEAD", "token=att_unknown", 410),
                arguments("PUT", "token=att_unknown", 405),
                arguments("DELETE", "token=att_unknown", 405));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pageGets")
    void pageWhenUnknownLinkOrWrongMethodThenRefusedAndNothingChanged(String method, String query, int status) {
        HttpResponse response = world.handle(HttpRequest.builder(method, PAGE)
                .rawQuery(query)
                .header("Cookie", "session=u-ada")
                .build());

        assertThat(response.status()).isEqualTo(status);
        assertThat(world.stores.writes()).isEmpty();
        if (method.equals("HEAD")) {
            assertThat(response.body()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonGarbage")
    void claimStartWhenGarbageThenTheRealClaimIsUntouched(String path, String contentType, String body, String code) {
        world.post(path, contentType, body.getBytes(StandardCharsets.UTF_8));

        HttpResponse complete =
                world.postJson(COMPLETE, "{\"claim_token\":\"" + claimToken + "\",\"user_code\":\"123-456\"}");
        assertThat(json(complete).get("error").asText()).isEqualTo("claim_not_confirmed");
    }
}
