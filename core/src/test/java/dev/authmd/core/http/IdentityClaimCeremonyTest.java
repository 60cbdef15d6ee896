package dev.authmd.core.http;

import static dev.authmd.core.http.CurrentProfileFlowsTest.idJagBody;
import static dev.authmd.core.http.HttpWorld.IDENTITY;
import static dev.authmd.core.http.HttpWorld.NOW;
import static dev.authmd.core.http.HttpWorld.RESOURCE;
import static dev.authmd.core.http.HttpWorld.TOKEN;
import static dev.authmd.core.http.HttpWorld.fieldNames;
import static dev.authmd.core.http.HttpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.ratelimit.RateLimitPolicy;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.RegistrationStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The current profile's claim ceremony over the endpoints: service_auth, the sign-in page, the code, completion. */
class IdentityClaimCeremonyTest {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String CLAIM = ClaimPageDriver.CLAIM;
    private static final String COMPLETE = ClaimPageDriver.COMPLETE;
    private static final String PAGE = ClaimPageDriver.PAGE;
    private static final Pattern CODE = Pattern.compile("<p id=\"code\">([0-9-]+)</p>");

    private final HttpWorld world = HttpWorld.withSignIn(RateLimitPolicy.none());
    private final ClaimPageDriver driver = new ClaimPageDriver(world);
    private final RequestContext ctx = RequestContext.defaultTenant(HttpWorld.CLIENT_IP);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    // --- without the host's sign-in: off -----------------------------------------------------------

    @Test
    void claimEndpointsWhenNoSignInConfiguredThenAuthMethodDisabledAfterTheBodyAndNothingChanged() {
        HttpWorld off = HttpWorld.standard();

        assertThat(off.postJson(CLAIM, "[]").status()).isEqualTo(400);
        HttpResponse start = off.postJson(CLAIM, "{\"claim_token\":\"clm_x\",\"login_hint\":\"a@example.com\"}");
        HttpResponse complete = off.postJson(COMPLETE, "{\"claim_token\":\"clm_x\",\"user_code\":\"123-456\"}");

        assertThat(start.status()).isEqualTo(403);
        assertThat(json(start).get("error").asText()).isEqualTo("auth_method_disabled");
        assertThat(json(complete).get("error").asText()).isEqualTo("auth_method_disabled");
        assertThat(off.get(PAGE).status()).isEqualTo(410);
        assertThat(off.stores.writes().keySet()).allMatch(w -> w.startsWith("rateLimits."));
    }

    @Test
    void discoveryWhenSignInConfiguredThenServiceAuthAdvertisedAndDescribedElseNot() throws Exception {
        com.fasterxml.jackson.databind.JsonNode on = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(world.get("/.well-known/oauth-authorization-server").body())
                .at("/agent_auth/identity_types_supported");
        com.fasterxml.jackson.databind.JsonNode off = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(HttpWorld.standard()
                        .get("/.well-known/oauth-authorization-server")
                        .body())
                .at("/agent_auth/identity_types_supported");

        assertThat(on.toString()).contains("\"service_auth\"");
        assertThat(off.toString()).doesNotContain("service_auth");
        assertThat(text(world.get("/auth.md"))).contains("Step 2c: With your user's email", "Step 2d: Finish a claim");
        assertThat(text(HttpWorld.standard().get("/auth.md"))).doesNotContain("Step 2c");
    }

    // --- service_auth ---------------------------------------------------------------------------------

    @Test
    void serviceAuthWhenSignInConfiguredThenPendingRegistrationWithFirstAttemptAndNoEmail() {
        HttpResponse response =
                world.postJson(IDENTITY, "{\"type\":\"service_auth\",\"login_hint\":\" Ada@Example.com \"}");

        assertThat(response.status()).isEqualTo(200);
        ObjectNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("id", "type", "scopes", "claim");
        assertThat(body.get("type").asText()).isEqualTo("service_auth");
        assertThat(fieldNames(body.get("scopes"))).containsExactly("post_claim");
        assertThat(fieldNames(body.get("claim"))).containsExactly("token", "expires_at", "url", "attempt");
        assertThat(body.at("/claim/attempt/verification_uri").asText()).startsWith(RESOURCE + PAGE + "?token=att_");
        assertThat(world.mails).isEmpty();
        assertThat(world.stores.registrations.findById("default", body.get("id").asText()))
                .hasValueSatisfying(r -> {
                    assertThat(r.status()).isEqualTo(RegistrationStatus.PENDING_CLAIM);
                    assertThat(r.email()).contains("Ada@example.com");
                });
    }

    @Test
    void serviceAuthWhenHintBrokenThenInvalidLoginHintOrInvalidRequestAndNothingStored() {
        for (String hint : List.of(
                "no-at-sign", "a@b", "a@@b.com", "a b@example.com", "@example.com", "x".repeat(250) + "@e.com")) {
            HttpResponse response =
                    world.postJson(IDENTITY, "{\"type\":\"service_auth\",\"login_hint\":\"" + hint + "\"}");
            assertThat(json(response).get("error").asText()).as(hint).isEqualTo("invalid_login_hint");
        }
        assertThat(json(world.postJson(IDENTITY, "{\"type\":\"service_auth\"}"))
                        .get("error")
                        .asText())
                .isEqualTo("invalid_request");
        assertThat(world.stores.writes()).doesNotContainKey("registrations.insert");
    }

    // --- the whole ceremony -----------------------------------------------------------------------------

    @Test
    void ceremonyWhenOwnerSignsInConfirmsAndAgentCompletesThenClaimedWithRefreshAndPostClaimScopes() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode registration = serviceAuth("ada@example.com");
        String claimToken = registration.at("/claim/token").asText();
        String link = registration.at("/claim/attempt/verification_uri").asText();

        HttpResponse anonymousVisit = page(link, null);
        assertThat(anonymousVisit.status()).isEqualTo(303);
        assertThat(anonymousVisit.header("Location"))
                .hasValueSatisfying(l ->
                        assertThat(l).startsWith(HttpWorld.LOGIN + "?return=").contains("claim%2Fview%3Ftoken%3Datt_"));

        assertThat(complete(claimToken, "000-000").status()).isEqualTo(409);
        HttpResponse form = page(link, "u-ada");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Content-Security-Policy"))
                .hasValueSatisfying(c -> assertThat(c).contains("frame-ancestors 'none'"));
        assertThat(form.header("Cache-Control")).contains("no-store");
        String html = text(form);
        assertThat(html)
                .contains("ada@example.com")
                .contains("<code>api.write</code>")
                .doesNotContain("id=\"code\"");

        HttpResponse confirmed = decide(html, "confirm", "u-ada");
        assertThat(confirmed.status()).isEqualTo(200);
        String code = code(confirmed);
        assertThat(code).matches("\\d{3}-\\d{3}");

        HttpResponse done = complete(claimToken, code.replace("-", " "));
        assertThat(done.status()).isEqualTo(200);
        ObjectNode body = json(done);
        assertThat(fieldNames(body)).containsExactly("id", "status", "identity");
        assertThat(body.get("status").asText()).isEqualTo("claimed");
        assertThat(fieldNames(body.get("identity"))).containsExactly("assertion", "expires_at", "refresh_token");
        String token = json(world.postForm(
                        TOKEN,
                        "grant_type",
                        JWT_BEARER,
                        "assertion",
                        body.at("/identity/assertion").asText()))
                .get("access_token")
                .asText();
        assertThat(world.service
                        .authenticate(ctx, "Bearer " + token, Set.of("api.write"))
                        .principal())
                .hasValueSatisfying(p -> assertThat(p.user()).contains("u-ada"));
        assertThat(world.postJson(
                                IDENTITY,
                                "{\"type\":\"refresh\",\"refresh_token\":\""
                                        + body.at("/identity/refresh_token/value")
                                                .asText() + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(json(complete(claimToken, code)).get("error").asText()).isEqualTo("already_claimed");
        assertThat(world.events.stream().map(AuditEvent::type))
                .contains(
                        AuditEventType.CLAIM_APPROVED,
                        AuditEventType.USER_CODE_REVEALED,
                        AuditEventType.CLAIM_CONFIRMED);
    }

    @Test
    void pageWhenSignedInWithAnotherAccountThen403NoCodeAndCompleteNotConfirmed() {
        world.sessionUsers.put("u-eve", List.of("eve@example.com"));
        ObjectNode registration = serviceAuth("ada@example.com");

        HttpResponse page =
                page(registration.at("/claim/attempt/verification_uri").asText(), "u-eve");

        assertThat(page.status()).isEqualTo(403);
        assertThat(text(page)).contains("Wrong account").doesNotContain("name=\"csrf\"");
        assertThat(json(complete(registration.at("/claim/token").asText(), "123-456"))
                        .get("error")
                        .asText())
                .isEqualTo("claim_not_confirmed");
    }

    @Test
    void pageWhenDeniedThenCompleteClaimDeniedAndANewAttemptCanFollow() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode registration = serviceAuth("ada@example.com");
        String claimToken = registration.at("/claim/token").asText();

        HttpResponse denied = decide(
                text(page(registration.at("/claim/attempt/verification_uri").asText(), "u-ada")), "deny", "u-ada");

        assertThat(text(denied)).contains("Request denied");
        assertThat(json(complete(claimToken, "123-456")).get("error").asText()).isEqualTo("claim_denied");
        HttpResponse again =
                world.postJson(CLAIM, "{\"claim_token\":\"" + claimToken + "\",\"login_hint\":\"ada@example.com\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(fieldNames(json(again))).containsExactly("id", "type", "attempt");
        assertThat(page(registration.at("/claim/attempt/verification_uri").asText(), "u-ada")
                        .status())
                .as("the old link dies")
                .isEqualTo(410);
    }

    @Test
    void completeWhenWrongCodesThenInvalidUserCodeAndTheFifthBurnsTheAttempt() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode registration = serviceAuth("ada@example.com");
        String claimToken = registration.at("/claim/token").asText();
        String code = code(decide(
                text(page(registration.at("/claim/attempt/verification_uri").asText(), "u-ada")), "confirm", "u-ada"));
        String wrong = code.equals("000-000") ? "111-111" : "000-000";

        for (int i = 0; i < 5; i++) {
            assertThat(json(complete(claimToken, wrong)).get("error").asText()).isEqualTo("invalid_user_code");
        }

        assertThat(json(complete(claimToken, code)).get("error").asText()).isEqualTo("user_code_expired");
    }

    @Test
    void pageWhenFormTokenWrongThen403AndNothingDecided() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode registration = serviceAuth("ada@example.com");
        String html =
                text(page(registration.at("/claim/attempt/verification_uri").asText(), "u-ada"));

        HttpResponse forged = world.handle(HttpRequest.builder("POST", PAGE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "session=u-ada")
                .body("token=" + hidden(html, "token") + "&csrf=forged&action=confirm")
                .build());

        assertThat(forged.status()).isEqualTo(403);
        assertThat(json(complete(registration.at("/claim/token").asText(), "123-456"))
                        .get("error")
                        .asText())
                .isEqualTo("claim_not_confirmed");
    }

    @Test
    void anonymousClaimWhenCompletedThenPreClaimTokensDieAndPostClaimWorks() {
        world.sessionUsers.put("u-carol", List.of("carol@example.com"));
        ObjectNode registration = json(world.postJson(IDENTITY, "{\"type\":\"anonymous\"}"));
        String preClaim = json(world.postForm(
                        TOKEN,
                        "grant_type",
                        JWT_BEARER,
                        "assertion",
                        registration.at("/identity/assertion").asText()))
                .get("access_token")
                .asText();
        String claimToken = registration.at("/claim/token").asText();
        ObjectNode started = json(
                world.postJson(CLAIM, "{\"claim_token\":\"" + claimToken + "\",\"login_hint\":\"carol@example.com\"}"));
        String code = code(
                decide(text(page(started.at("/attempt/verification_uri").asText(), "u-carol")), "confirm", "u-carol"));

        ObjectNode done = json(complete(claimToken, code));

        assertThat(world.service.authenticate(ctx, "Bearer " + preClaim, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(json(world.postForm(
                                TOKEN,
                                "grant_type",
                                JWT_BEARER,
                                "assertion",
                                registration.at("/identity/assertion").asText()))
                        .get("error")
                        .asText())
                .as("the pre-claim assertion is superseded")
                .isEqualTo("invalid_grant");
        String postClaim = json(world.postForm(
                        TOKEN,
                        "grant_type",
                        JWT_BEARER,
                        "assertion",
                        done.at("/identity/assertion").asText()))
                .get("access_token")
                .asText();
        assertThat(world.service
                        .authenticate(ctx, "Bearer " + postClaim, Set.of("api.write"))
                        .principal())
                .isPresent();
    }

    @Test
    void stepUpWhenConfirmedAndCompletedThenNoRefreshTokenAndTheNextIdJagIsACleanMatch() {
        world.accounts.add("u-bob", "new.user@example.com");
        world.sessionUsers.put("u-bob", List.of("new.user@example.com"));
        ObjectNode pending = json(world.postJson(
                IDENTITY, idJagBody(world.idJag().authTime(NOW.minusSeconds(60)).mint())));
        String claimToken = pending.at("/claim/token").asText();
        String code = code(decide(
                text(page(pending.at("/claim/attempt/verification_uri").asText(), "u-bob")), "confirm", "u-bob"));

        ObjectNode done = json(complete(claimToken, code));

        assertThat(fieldNames(done.get("identity"))).containsExactly("assertion", "expires_at");
        ObjectNode next = json(world.postJson(
                IDENTITY, idJagBody(world.idJag().authTime(NOW.minusSeconds(30)).mint())));
        assertThat(next.get("id").asText()).isEqualTo(pending.get("id").asText());
        assertThat(next.has("identity")).isTrue();
    }

    @Test
    void stepUpWhenAnotherAccountAlsoOwnsTheAddressThenOnlyTheMatchedAccountMayConfirm() {
        world.accounts.add("u-bob", "new.user@example.com");
        world.sessionUsers.put("u-bob", List.of("new.user@example.com"));
        world.sessionUsers.put("u-other", List.of("new.user@example.com"));
        ObjectNode pending = json(world.postJson(
                IDENTITY, idJagBody(world.idJag().authTime(NOW.minusSeconds(60)).mint())));
        String link = pending.at("/claim/attempt/verification_uri").asText();

        HttpResponse other = page(link, "u-other");

        assertThat(other.status()).isEqualTo(403);
        assertThat(text(other)).contains("Wrong account").doesNotContain("name=\"csrf\"");
        assertThat(page(link, "u-bob").status()).isEqualTo(200);
    }

    @Test
    void completeWhenTwoAtOnceWithTheRightCodeThenExactlyOneClaims() throws Exception {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        for (int round = 0; round < 100; round++) {
            ObjectNode registration = serviceAuth("ada@example.com");
            String claimToken = registration.at("/claim/token").asText();
            String code = code(decide(
                    text(page(registration.at("/claim/attempt/verification_uri").asText(), "u-ada")),
                    "confirm",
                    "u-ada"));

            List<HttpResponse> results = together(() -> complete(claimToken, code), () -> complete(claimToken, code));

            assertThat(results)
                    .as("round %d", round)
                    .filteredOn(r -> r.status() == 200)
                    .hasSize(1);
            assertThat(results)
                    .filteredOn(r -> r.status() != 200)
                    .allSatisfy(r -> assertThat(json(r).get("error").asText()).isEqualTo("already_claimed"));
        }
    }

    @Test
    void claimStartWhenGarbageOrUnknownThenExactErrors() {
        assertThat(json(world.postJson(CLAIM, "{\"type\":\"identity_assertion\",\"claim_token\":\"clm_x\"}"))
                        .get("error")
                        .asText())
                .isEqualTo("invalid_request");
        assertThat(json(world.postJson(CLAIM, "{\"claim_token\":7}"))
                        .get("error")
                        .asText())
                .isEqualTo("invalid_request");
        HttpResponse unknown =
                world.postJson(CLAIM, "{\"claim_token\":\"clm_unknown\",\"login_hint\":\"a@example.com\"}");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(json(unknown).get("error").asText()).isEqualTo("invalid_claim_token");
        assertThat(json(world.postJson(COMPLETE, "{\"claim_token\":\"clm_unknown\",\"user_code\":\"1\"}"))
                        .get("error")
                        .asText())
                .isEqualTo("invalid_claim_token");
        assertThat(json(world.postJson(COMPLETE, "{\"claim_token\":\"clm_x\"}"))
                        .get("error")
                        .asText())
                .isEqualTo("invalid_request");
    }

    // --- lifetimes, budgets, revocation ------------------------------------------------------------------

    @Test
    void completeWhenCodeOlderThanTenMinutesThenUserCodeExpiredAndThePageLinkDiesWithIt() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode registration = serviceAuth("ada@example.com");
        String link = registration.at("/claim/attempt/verification_uri").asText();
        String code = code(decide(text(page(link, "u-ada")), "confirm", "u-ada"));
        world.clock.advance(java.time.Duration.ofSeconds(601));

        assertThat(json(complete(registration.at("/claim/token").asText(), code))
                        .get("error")
                        .asText())
                .isEqualTo("user_code_expired");
        assertThat(page(link, "u-ada").status()).isEqualTo(410);
    }

    @Test
    void startWhenClaimWindowOverThenClaimExpired() {
        ObjectNode registration = serviceAuth("ada@example.com");
        world.clock.advance(java.time.Duration.ofHours(24).plusSeconds(1));

        HttpResponse late = world.postJson(
                CLAIM,
                "{\"claim_token\":\"" + registration.at("/claim/token").asText()
                        + "\",\"login_hint\":\"ada@example.com\"}");

        assertThat(late.status()).isEqualTo(410);
        assertThat(json(late).get("error").asText()).isEqualTo("claim_expired");
    }

    @Test
    void expireDueWhenClaimWindowsOverThenBothKindsExpiredTheirLinksDeadAndThePreClaimTokenWithThem() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode serviceAuth = serviceAuth("ada@example.com");
        ObjectNode anonymous = json(world.postJson(IDENTITY, "{\"type\":\"anonymous\"}"));
        String preClaim = json(world.postForm(
                        TOKEN,
                        "grant_type",
                        JWT_BEARER,
                        "assertion",
                        anonymous.at("/identity/assertion").asText()))
                .get("access_token")
                .asText();
        String anonymousLink = json(world.postJson(
                        CLAIM,
                        "{\"claim_token\":\"" + anonymous.at("/claim/token").asText()
                                + "\",\"login_hint\":\"ada@example.com\"}"))
                .at("/attempt/verification_uri")
                .asText();
        java.time.Instant lastDeadline = java.util.stream.Stream.of(serviceAuth, anonymous)
                .map(r -> world.stores
                        .registrations
                        .findById("default", r.get("id").asText())
                        .orElseThrow()
                        .expiresAt()
                        .orElseThrow())
                .max(java.util.Comparator.naturalOrder())
                .orElseThrow();
        world.clock.advance(java.time.Duration.between(NOW, lastDeadline).plusSeconds(1));

        int expired = world.service.expireDue(100);

        assertThat(expired).isEqualTo(2);
        for (ObjectNode r : List.of(serviceAuth, anonymous)) {
            assertThat(world.stores.registrations.findById(
                            "default", r.get("id").asText()))
                    .hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo(RegistrationStatus.EXPIRED));
            HttpResponse restart = world.postJson(
                    CLAIM,
                    "{\"claim_token\":\"" + r.at("/claim/token").asText() + "\",\"login_hint\":\"ada@example.com\"}");
            assertThat(restart.status()).isEqualTo(410);
            assertThat(json(restart).get("error").asText()).isEqualTo("claim_expired");
            assertThat(json(complete(r.at("/claim/token").asText(), "123-456"))
                            .get("error")
                            .asText())
                    .isEqualTo("claim_expired");
        }
        assertThat(page(serviceAuth.at("/claim/attempt/verification_uri").asText(), "u-ada")
                        .status())
                .isEqualTo(410);
        assertThat(page(anonymousLink, "u-ada").status()).isEqualTo(410);
        assertThat(world.service.authenticate(ctx, "Bearer " + preClaim, Set.of()))
                .isInstanceOf(AuthenticationResult.Denied.class);
        assertThat(world.events.stream().filter(e -> e.type() == AuditEventType.REGISTRATION_EXPIRED))
                .hasSize(2);
        assertThat(world.service.expireDue(100)).as("nothing left to expire").isZero();
    }

    @Test
    void startWhenSixthAttemptWithinTheHourThenTooManyAttemptsWithRetryAfter() {
        HttpWorld limited = HttpWorld.withSignIn(RateLimitPolicy.defaults());
        String claimToken = json(limited.postJson(
                        IDENTITY, "{\"type\":\"service_auth\",\"login_hint\":\"ada@example.com\"}"))
                .at("/claim/token")
                .asText();
        String body = "{\"claim_token\":\"" + claimToken + "\",\"login_hint\":\"ada@example.com\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(limited.postJson(CLAIM, body).status()).isEqualTo(200);
        }

        HttpResponse sixth = limited.postJson(CLAIM, body);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(json(sixth).get("error").asText()).isEqualTo("too_many_attempts");
        assertThat(sixth.header("Retry-After")).isPresent();
    }

    @Test
    void stepUpWhenProviderRevokesBeforeCompletionThenClaimRevoked() {
        world.accounts.add("u-bob", "new.user@example.com");
        ObjectNode pending = json(world.postJson(
                IDENTITY, idJagBody(world.idJag().authTime(NOW.minusSeconds(60)).mint())));
        assertThat(world.post(
                                HttpWorld.EVENTS,
                                "application/secevent+jwt",
                                world.securityEvent().mint().getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(202);

        HttpResponse complete = complete(pending.at("/claim/token").asText(), "123-456");

        assertThat(complete.status()).isEqualTo(410);
        assertThat(json(complete).get("error").asText()).isEqualTo("claim_revoked");
        assertThat(world.events.stream().map(AuditEvent::type)).contains(AuditEventType.CLAIM_FAILED);
    }

    @Test
    void newCodeWhenRequestedThenTheOldCodeDiesAndWrongTriesAreKept() {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        ObjectNode registration = serviceAuth("ada@example.com");
        String claimToken = registration.at("/claim/token").asText();
        String link = registration.at("/claim/attempt/verification_uri").asText();
        String first = code(decide(text(page(link, "u-ada")), "confirm", "u-ada"));
        String wrong = first.equals("000-000") ? "111-111" : "000-000";
        for (int i = 0; i < 4; i++) {
            assertThat(complete(claimToken, wrong).status()).isEqualTo(401);
        }

        String second = code(decide(text(page(link, "u-ada")), "new_code", "u-ada"));

        if (!second.equals(first)) {
            assertThat(json(complete(claimToken, first)).get("error").asText())
                    .as("the old code died, and the fifth wrong try burns the attempt")
                    .isEqualTo("invalid_user_code");
            assertThat(json(complete(claimToken, second)).get("error").asText()).isEqualTo("user_code_expired");
        }
    }

    @Test
    void confirmWhenRacingAReMintThenACodeOfAReplacedAttemptNeverCompletes() throws Exception {
        world.sessionUsers.put("u-ada", List.of("ada@example.com"));
        for (int round = 0; round < 100; round++) {
            ObjectNode registration = serviceAuth("ada@example.com");
            String claimToken = registration.at("/claim/token").asText();
            String html =
                    text(page(registration.at("/claim/attempt/verification_uri").asText(), "u-ada"));
            String remint = "{\"claim_token\":\"" + claimToken + "\",\"login_hint\":\"ada@example.com\"}";

            List<HttpResponse> results =
                    together(() -> decide(html, "confirm", "u-ada"), () -> world.postJson(CLAIM, remint));

            assertThat(results.get(1).status()).isEqualTo(200);
            Matcher revealed = CODE.matcher(text(results.get(0)));
            if (revealed.find()) {
                assertThat(complete(claimToken, revealed.group(1)).status())
                        .as("round %d: the re-mint replaced the confirmed attempt", round)
                        .isNotEqualTo(200);
            }
        }
    }

    @Test
    void completeWhenRacingTheProvidersRevocationThenNothingOfTheDelegationSurvives() throws Exception {
        for (int round = 0; round < 100; round++) {
            String subject = "user-race-" + round;
            String email = "race" + round + "@example.com";
            world.accounts.add("u-" + round, email);
            world.sessionUsers.put("u-" + round, List.of(email));
            ObjectNode pending = json(world.postJson(
                    IDENTITY,
                    idJagBody(world.idJag()
                            .subject(subject)
                            .email(email)
                            .authTime(NOW)
                            .mint())));
            String claimToken = pending.at("/claim/token").asText();
            String code = code(decide(
                    text(page(pending.at("/claim/attempt/verification_uri").asText(), "u-" + round)),
                    "confirm",
                    "u-" + round));
            byte[] set = world.securityEvent().subject(subject).mint().getBytes(StandardCharsets.UTF_8);

            List<HttpResponse> results = together(
                    () -> complete(claimToken, code),
                    () -> world.post(HttpWorld.EVENTS, "application/secevent+jwt", set));

            assertThat(results.get(1).status()).isEqualTo(202);
            assertThat(world.stores.delegations.find("default", HttpWorld.PROVIDER, subject))
                    .as("round %d: the delegation outlived the provider's revocation", round)
                    .isEmpty();
            if (results.get(0).status() == 200) {
                String assertion =
                        json(results.get(0)).at("/identity/assertion").asText();
                assertThat(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion)
                                .status())
                        .as("round %d", round)
                        .isEqualTo(400);
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private ObjectNode serviceAuth(String hint) {
        return driver.serviceAuth(hint);
    }

    private HttpResponse page(String link, String user) {
        return driver.page(link, user);
    }

    private HttpResponse decide(String html, String action, String user) {
        return driver.decide(html, action, user);
    }

    private HttpResponse complete(String claimToken, String code) {
        return driver.complete(claimToken, code);
    }

    private static String hidden(String html, String name) {
        return ClaimPageDriver.hidden(html, name);
    }

    private static String code(HttpResponse page) {
        return ClaimPageDriver.code(page);
    }

    private static String text(HttpResponse response) {
        return ClaimPageDriver.text(response);
    }

    private List<HttpResponse> together(Callable<HttpResponse> a, Callable<HttpResponse> b) throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse>> futures = new ArrayList<>();
        for (Callable<HttpResponse> task : List.of(a, b)) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return task.call();
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<HttpResponse> results = new ArrayList<>();
        for (Future<HttpResponse> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }
}
