package dev.authmd.core.http;

import static dev.authmd.core.http.EndpointFlowsTest.challengeBody;
import static dev.authmd.core.http.EndpointFlowsTest.completeBody;
import static dev.authmd.core.http.HttpWorld.CHALLENGE;
import static dev.authmd.core.http.HttpWorld.COMPLETE;
import static dev.authmd.core.http.HttpWorld.REGISTER;
import static dev.authmd.core.http.HttpWorld.VIEW;
import static dev.authmd.core.http.HttpWorld.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.service.ClaimView;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/protocol.md#v01-4, {@code GET {claim_uri}/view}: escaped, strict CSP with a nonce, never cached, no referrer,
 * mints nothing; the host's guard can refuse the page and the code.
 */
class ClaimPageTest {

    private static final String HOSTILE_EMAIL = "o'brien&co@example.com";
    private static final Pattern NONCE_ATTRIBUTE = Pattern.compile("<(script|style)\\b([^>]*)>");

    private final HttpWorld world = HttpWorld.standard();

    @Test
    void viewWhenReadyThenHostileValuesEscaped() {
        Pending pending = register(world, HOSTILE_EMAIL);

        HttpResponse page = view(world, pending.attemptToken());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).contains("text/html; charset=utf-8");
        String html = page.bodyAsString();
        assertThat(html)
                .doesNotContain("<script>alert(1)</script>", "o'brien", "&co@", "\"Co\"")
                .contains("Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;")
                .contains("o&#39;brien&amp;co@example.com")
                .contains("data-path=\"/agent/auth/claim/attempt/challenge\"")
                .contains("data-token=\"" + pending.attemptToken() + "\"");
    }

    @Test
    void viewWhenReadyThenStrictCspWithPerResponseNonceAndPrivacyHeaders() {
        Pending pending = register(world, HOSTILE_EMAIL);

        HttpResponse page = view(world, pending.attemptToken());
        HttpResponse again = view(world, pending.attemptToken());

        Map<String, String> csp = csp(page);
        String nonce = nonce(csp.get("script-src"));
        assertThat(csp)
                .containsEntry("default-src", "'none'")
                .containsEntry("script-src", "'nonce-" + nonce + "'")
                .containsEntry("style-src", "'nonce-" + nonce + "'")
                .containsEntry("frame-ancestors", "'none'")
                .containsEntry("base-uri", "'none'")
                .containsEntry("form-action", "'none'")
                .containsEntry("connect-src", "'self'");
        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .doesNotContain("unsafe-inline", "unsafe-eval", "*", "data:", "http:");
        assertThat(nonce).matches("[A-Za-z0-9+/]{22}==");
        assertThat(nonce(csp(again).get("script-src")))
                .as("a fresh nonce per response")
                .isNotEqualTo(nonce);
        List<String> tags = scriptAndStyleTags(page.bodyAsString());
        assertThat(tags)
                .hasSize(2)
                .allSatisfy(attributes -> assertThat(attributes).contains("nonce=\"" + nonce + "\""));
        assertThat(page.bodyAsString())
                .doesNotContainIgnoringCase(" onclick=")
                .doesNotContainIgnoringCase("javascript:");
        assertPrivateHeaders(page);
    }

    @Test
    void viewWhenOpenedRepeatedlyThenMintsNothing() {
        Pending pending = register(world, HOSTILE_EMAIL);
        world.resetRecords();

        for (int i = 0; i < 3; i++) {
            assertThat(view(world, pending.attemptToken()).status()).isEqualTo(200);
            assertThat(world.send("HEAD", VIEW, "token=" + encode(pending.attemptToken()))
                            .status())
                    .isEqualTo(200);
        }

        assertThat(world.attempt(pending.registrationId()).orElseThrow().otpHash())
                .isNull();
        assertThat(world.attempt(pending.registrationId()).orElseThrow().hasOtp())
                .isFalse();
        assertThat(world.eventTypes()).doesNotContain(AuditEventType.OTP_GENERATED);
        assertThat(world.stores.writes()).isEmpty();
        assertError(
                world.postJson(COMPLETE, completeBody(pending.claimToken(), "123456")),
                ProtocolError.OTP_NOT_GENERATED);
    }

    @Test
    void headWhenReadyThenSameHeadersWithContentLengthAndNoBody() {
        Pending pending = register(world, HOSTILE_EMAIL);

        HttpResponse get = view(world, pending.attemptToken());
        HttpResponse head = world.send("HEAD", VIEW, "token=" + encode(pending.attemptToken()));

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).contains(Integer.toString(get.body().length));
        for (String name : List.of(
                "Content-Type", "Cache-Control", "Referrer-Policy", "X-Frame-Options", "X-Content-Type-Options")) {
            assertThat(head.header(name)).as(name).isEqualTo(get.header(name)).isPresent();
        }
        assertThat(head.header("Content-Security-Policy").orElseThrow()).contains("script-src 'nonce-");
    }

    @Test
    void viewWhenClaimCompletedThen409PageAndNoCode() {
        Pending pending = register(world, HOSTILE_EMAIL);
        String otp = HttpWorld.json(world.postJson(CHALLENGE, challengeBody(pending.attemptToken())))
                .get("challenge")
                .asText();
        assertThat(world.postJson(COMPLETE, completeBody(pending.claimToken(), otp))
                        .status())
                .isEqualTo(200);

        HttpResponse page = view(world, pending.attemptToken());

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.bodyAsString())
                .contains("Already confirmed")
                .contains("Acme &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>", "data-token", pending.attemptToken());
        assertPrivateHeaders(page);
    }

    @Test
    void viewWhenLinkExpiredThen410Page() {
        Pending pending = register(world, HOSTILE_EMAIL);
        world.clock.advance(world.config.claimLinkTtl());

        HttpResponse page = view(world, pending.attemptToken());

        assertThat(page.status()).isEqualTo(410);
        assertThat(page.bodyAsString()).contains("Link expired").doesNotContain("data-token");
        assertPrivateHeaders(page);
        assertError(world.postJson(CHALLENGE, challengeBody(pending.attemptToken())), ProtocolError.CLAIM_EXPIRED);
    }

    @Test
    void viewWhenLinkSupersededByNewerAttemptThen410Page() {
        ObjectNode reg = HttpWorld.json(world.postJson(REGISTER, "{\"type\":\"anonymous\"}"));
        String claimToken = reg.get("claim_token").asText();
        world.postJson(HttpWorld.CLAIM, EndpointFlowsTest.claimBody(claimToken, "ada@example.com"));
        String oldLink = world.lastAttemptToken();
        world.postJson(HttpWorld.CLAIM, EndpointFlowsTest.claimBody(claimToken, "bob@example.com"));

        HttpResponse page = view(world, oldLink);

        assertThat(page.status()).isEqualTo(410);
        assertThat(page.bodyAsString()).contains("Link no longer valid").doesNotContain("ada@example.com");
        assertPrivateHeaders(page);
        assertThat(view(world, world.lastAttemptToken()).bodyAsString()).contains("bob@example.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "token=",
                "token=cvt_unknown",
                "token=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "token=%zz",
                "other=1"
            })
    void viewWhenTokenMissingUnknownOrHostileThen410PageThatReflectsNothing(String query) {
        HttpResponse page = world.send("GET", VIEW, query);

        assertThat(page.status()).isEqualTo(410);
        assertThat(page.bodyAsString()).contains("Link no longer valid").doesNotContain("<script>alert", "cvt_unknown");
        assertPrivateHeaders(page);
        world.assertUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void viewWhenNotGetOrHeadThen405AllowGetHead(String method) {
        HttpResponse response = world.send(method, VIEW, "token=x");

        assertError(response, ProtocolError.METHOD_NOT_ALLOWED);
        assertThat(response.header("Allow")).contains("GET, HEAD");
    }

    // --- the host's guard ---------------------------------------------------------------------

    @Test
    void guardWhenRefusingThenItsResponseForPageAndChallengeAndNothingMinted() {
        List<ClaimView> seen = new ArrayList<>();
        HttpResponse ssoRedirect = HttpResponse.builder(302)
                .header("Location", "https://sso.example/login")
                .header("Cache-Control", "no-store")
                .build();
        HttpWorld guarded = HttpWorld.guarded((request, view) -> {
            seen.add(view);
            return request.header("Cookie").filter(c -> c.contains("sso=ok")).isPresent()
                    ? Optional.empty()
                    : Optional.of(ssoRedirect);
        });
        Pending pending = register(guarded, HOSTILE_EMAIL);
        guarded.resetRecords();

        HttpResponse page = view(guarded, pending.attemptToken());
        HttpResponse challenge = guarded.postJson(CHALLENGE, challengeBody(pending.attemptToken()));

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).contains("https://sso.example/login");
        assertThat(challenge.status()).isEqualTo(302);
        assertThat(guarded.attempt(pending.registrationId()).orElseThrow().otpHash())
                .isNull();
        assertThat(guarded.eventTypes()).doesNotContain(AuditEventType.OTP_GENERATED);
        assertThat(guarded.stores.writes()).isEmpty();
        assertThat(seen).hasSize(2).allSatisfy(view -> {
            assertThat(view.state()).isEqualTo(ClaimView.State.READY);
            assertThat(view.registrationId()).isEqualTo(pending.registrationId());
            assertThat(view.recipient()).contains(HOSTILE_EMAIL);
        });

        HttpResponse allowed = guarded.handle(HttpRequest.builder("POST", CHALLENGE)
                .header("Content-Type", "application/json")
                .header("Cookie", "sso=ok")
                .body(challengeBody(pending.attemptToken()))
                .build());
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(guarded.attempt(pending.registrationId()).orElseThrow().otpHash())
                .isNotNull();
    }

    @Test
    void guardWhenLinkUnknownThenStillAskedAndChallengeKeepsItsCode() {
        List<ClaimView.State> states = new ArrayList<>();
        HttpWorld guarded = HttpWorld.guarded((request, view) -> {
            states.add(view.state());
            return Optional.empty();
        });

        assertError(guarded.postJson(CHALLENGE, challengeBody("cvt_unknown")), ProtocolError.CLAIM_SUPERSEDED);
        assertThat(states).containsExactly(ClaimView.State.SUPERSEDED);
    }

    // --- helpers ------------------------------------------------------------------------------

    /** A verified-email registration awaiting its claim: what the agent and the mailbox hold. */
    private record Pending(String registrationId, String claimToken, String attemptToken) {}

    private static Pending register(HttpWorld world, String email) {
        HttpResponse response = world.postJson(
                REGISTER,
                "{\"type\":\"identity_assertion\",\"assertion_type\":" + "\"verified_email\",\"assertion\":\"" + email
                        + "\"}");
        assertThat(response.status()).isEqualTo(200);
        ObjectNode body = HttpWorld.json(response);
        return new Pending(
                body.get("registration_id").asText(), body.get("claim_token").asText(), world.lastAttemptToken());
    }

    private static HttpResponse view(HttpWorld world, String attemptToken) {
        return world.send("GET", VIEW, "token=" + encode(attemptToken));
    }

    private static void assertPrivateHeaders(HttpResponse page) {
        assertThat(page.header("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.header("Referrer-Policy")).contains("no-referrer");
        assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.header("X-Frame-Options")).contains("DENY");
        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'")
                .doesNotContain("unsafe-inline");
    }

    private static Map<String, String> csp(HttpResponse page) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String directive :
                page.header("Content-Security-Policy").orElseThrow().split(";")) {
            String trimmed = directive.strip();
            int space = trimmed.indexOf(' ');
            directives.put(
                    trimmed.substring(0, space), trimmed.substring(space + 1).strip());
        }
        return directives;
    }

    private static String nonce(String source) {
        assertThat(source).startsWith("'nonce-").endsWith("'");
        return source.substring("'nonce-".length(), source.length() - 1);
    }

    private static List<String> scriptAndStyleTags(String html) {
        List<String> tags = new ArrayList<>();
        Matcher matcher = NONCE_ATTRIBUTE.matcher(html);
        while (matcher.find()) {
            tags.add(matcher.group(2));
        }
        return tags;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
