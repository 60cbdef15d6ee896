package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.CHALLENGE;
import static dev.authmd.core.http.HttpWorld.CLAIM;
import static dev.authmd.core.http.HttpWorld.COMPLETE;
import static dev.authmd.core.http.HttpWorld.REGISTER;
import static dev.authmd.core.http.HttpWorld.REVOKE;
import static dev.authmd.core.http.HttpWorld.VIEW;
import static dev.authmd.core.http.HttpWorld.assertError;
import static dev.authmd.core.http.HttpWorld.fieldNames;
import static dev.authmd.core.http.HttpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.service.AgentPrincipal;
import dev.authmd.core.service.AuthenticationResult;
import dev.authmd.core.service.RequestContext;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.store.RegistrationStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: a full in-process run of each flow through {@link AgentAuthEndpoints}, asserting every response member of
 * docs/protocol.md#v01-3 (§3–§6) by name, type and format.
 */
class EndpointFlowsTest {

    /** Not on a second boundary, so the millisecond formatting is visible. */
    private static final Instant START = Instant.parse("2026-05-04T12:00:00.123456789Z");

    private static final String ID = "[A-Za-z0-9_-]{22}";
    private static final String SECRET = "[A-Za-z0-9_-]{43}";
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private final HttpWorld world = HttpWorld.standard();

    {
        world.clock.set(START);
    }

    // --- §3c anonymous + §4 claim ---------------------------------------------------------------

    @Test
    void anonymousFlowWhenRunThroughHandlerThenEveryMemberAsSpecifiedAndKeyUpgradedInPlace() {
        HttpResponse registered = world.postJson(REGISTER, "{\"type\":\"anonymous\"}");

        ObjectNode reg = assertOk(registered);
        assertThat(fieldNames(reg))
                .containsExactly(
                        "registration_id",
                        "registration_type",
                        "credential_type",
                        "credential",
                        "credential_expires",
                        "scopes",
                        "claim_url",
                        "claim_token",
                        "claim_token_expires",
                        "post_claim_scopes");
        assertThat(text(reg, "registration_id")).matches("reg_" + ID);
        assertThat(text(reg, "registration_type")).isEqualTo("anonymous");
        assertThat(text(reg, "credential_type")).isEqualTo("api_key");
        assertThat(text(reg, "credential")).matches("sk_" + SECRET);
        assertThat(reg.get("credential_expires").isNull())
                .as("credential_expires is JSON null")
                .isTrue();
        assertThat(strings(reg.get("scopes"))).containsExactly("api.read");
        assertThat(text(reg, "claim_url")).isEqualTo("https://api.example.com/agent/auth/claim");
        assertThat(text(reg, "claim_token")).matches("clm_" + SECRET);
        assertThat(text(reg, "claim_token_expires")).isEqualTo("2026-05-05T12:00:00.123Z");
        assertThat(strings(reg.get("post_claim_scopes"))).containsExactly("api.read", "api.write");
        String registrationId = text(reg, "registration_id");
        String key = text(reg, "credential");
        String claimToken = text(reg, "claim_token");
        assertThat(principal(key, Set.of("api.read")).scopes()).containsExactly("api.read");
        assertDenied(key, Set.of("api.write"), 403);

        world.clock.advance(Duration.ofMinutes(1));
        ObjectNode started = assertOk(world.postJson(CLAIM, claimBody(claimToken, "ada@example.com")));
        assertThat(fieldNames(started)).containsExactly("registration_id", "claim_attempt_id", "status", "expires_at");
        assertThat(text(started, "registration_id")).isEqualTo(registrationId);
        assertThat(text(started, "claim_attempt_id")).matches("cla_" + ID);
        assertThat(text(started, "status")).isEqualTo("initiated");
        assertThat(text(started, "expires_at")).isEqualTo("2026-05-04T13:01:00.123Z");
        assertThat(world.mails).singleElement().satisfies(mail -> {
            assertThat(mail.to()).isEqualTo("ada@example.com");
            assertThat(mail.registrationId()).isEqualTo(registrationId);
        });

        ObjectNode again = assertOk(world.postJson(CLAIM, claimBody(claimToken, "ada@example.com")));
        assertThat(again)
                .as("same email while the link is valid: the same attempt, not re-sent")
                .isEqualTo(started);
        assertThat(world.mails).hasSize(1);

        assertError(world.postJson(COMPLETE, completeBody(claimToken, "123456")), ProtocolError.OTP_NOT_GENERATED);
        assertThat(world.send("GET", VIEW, "token=" + encode(world.lastAttemptToken()))
                        .status())
                .isEqualTo(200);

        ObjectNode challenge = assertOk(world.postJson(CHALLENGE, challengeBody(world.lastAttemptToken())));
        assertThat(fieldNames(challenge)).containsExactly("type", "challenge", "expires_at");
        assertThat(text(challenge, "type")).isEqualTo("otp");
        assertThat(text(challenge, "challenge")).matches("\\d{6}");
        assertThat(text(challenge, "expires_at")).isEqualTo("2026-05-04T12:11:00.123Z");
        String otp = text(challenge, "challenge");

        assertError(world.postJson(COMPLETE, completeBody(claimToken, wrong(otp))), ProtocolError.OTP_INVALID);
        ObjectNode completed = assertOk(world.postJson(COMPLETE, completeBody(claimToken, otp)));
        assertThat(fieldNames(completed)).containsExactly("registration_id", "status");
        assertThat(text(completed, "registration_id")).isEqualTo(registrationId);
        assertThat(text(completed, "status")).isEqualTo("claimed");

        AgentPrincipal upgraded = principal(key, Set.of("api.read", "api.write"));
        assertThat(upgraded.user()).contains("jit-1");
        assertThat(world.registration(registrationId).status()).isEqualTo(RegistrationStatus.CLAIMED);
        assertError(world.postJson(COMPLETE, completeBody(claimToken, otp)), ProtocolError.PREVIOUSLY_CLAIMED);
        assertError(world.postJson(CHALLENGE, challengeBody(world.lastAttemptToken())), ProtocolError.CLAIM_COMPLETED);
        assertError(
                world.postJson(CLAIM, claimBody(claimToken, "ada@example.com")), ProtocolError.CLAIMED_OR_IN_FLIGHT);
        assertThat(world.eventTypes())
                .containsSubsequence(
                        AuditEventType.REGISTRATION_CREATED,
                        AuditEventType.CLAIM_REQUESTED,
                        AuditEventType.OTP_GENERATED,
                        AuditEventType.CLAIM_CONFIRMED);
    }

    @Test
    void claimWhenNewEmailThenNewAttemptSupersedesTheOldLink() {
        ObjectNode reg = assertOk(world.postJson(REGISTER, "{\"type\":\"anonymous\"}"));
        String claimToken = text(reg, "claim_token");
        ObjectNode first = assertOk(world.postJson(CLAIM, claimBody(claimToken, "ada@example.com")));
        String oldLink = world.lastAttemptToken();

        ObjectNode second = assertOk(world.postJson(CLAIM, claimBody(claimToken, "bob@example.com")));

        assertThat(text(second, "claim_attempt_id")).isNotEqualTo(text(first, "claim_attempt_id"));
        assertThat(world.mails).hasSize(2);
        assertError(world.postJson(CHALLENGE, challengeBody(oldLink)), ProtocolError.CLAIM_SUPERSEDED);
        assertThat(assertOk(world.postJson(CHALLENGE, challengeBody(world.lastAttemptToken())))
                        .has("challenge"))
                .isTrue();
    }

    @Test
    void claimWhenTokenUnknownOrExpiredThenCodesOfSection4() {
        assertError(world.postJson(CLAIM, claimBody("clm_nope", "ada@example.com")), ProtocolError.INVALID_CLAIM_TOKEN);
        assertError(world.postJson(COMPLETE, completeBody("clm_nope", "123456")), ProtocolError.INVALID_CLAIM_TOKEN);
        assertError(world.postJson(CHALLENGE, challengeBody("cvt_nope")), ProtocolError.CLAIM_SUPERSEDED);
        ObjectNode reg = assertOk(world.postJson(REGISTER, "{\"type\":\"anonymous\"}"));
        assertError(
                world.postJson(CLAIM, claimBody(text(reg, "claim_token"), "not an email")),
                ProtocolError.INVALID_REQUEST);

        world.clock.advance(Duration.ofHours(24));

        assertError(
                world.postJson(CLAIM, claimBody(text(reg, "claim_token"), "ada@example.com")),
                ProtocolError.CLAIM_EXPIRED);
    }

    @Test
    void completeWhenOtpExpiresOrIsGuessedThenOtpExpiredAndTooManyAttempts() {
        ObjectNode reg = assertOk(world.postJson(REGISTER, "{\"type\":\"anonymous\"}"));
        String claimToken = text(reg, "claim_token");
        assertOk(world.postJson(CLAIM, claimBody(claimToken, "ada@example.com")));
        String otp = text(assertOk(world.postJson(CHALLENGE, challengeBody(world.lastAttemptToken()))), "challenge");

        world.clock.advance(Duration.ofMinutes(10));
        assertError(world.postJson(COMPLETE, completeBody(claimToken, otp)), ProtocolError.OTP_EXPIRED);

        otp = text(assertOk(world.postJson(CHALLENGE, challengeBody(world.lastAttemptToken()))), "challenge");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            codes.add(json(world.postJson(COMPLETE, completeBody(claimToken, wrong(otp))))
                    .get("error")
                    .asText());
        }
        assertThat(codes)
                .as("five wrong guesses per code, then the code is dead")
                .containsExactly(
                        "otp_invalid", "otp_invalid", "otp_invalid", "otp_invalid", "otp_invalid", "too_many_attempts");
        assertError(world.postJson(COMPLETE, completeBody(claimToken, otp)), ProtocolError.TOO_MANY_ATTEMPTS);
    }

    // --- §3b verified email ----------------------------------------------------------------------

    @Test
    void verifiedEmailFlowWhenRunThroughHandlerThenClaimHandleThenCredentialOnComplete() {
        ObjectNode reg = assertOk(world.postJson(
                REGISTER,
                "{\"type\":\"identity_assertion\",\"assertion_type\":"
                        + "\"verified_email\",\"assertion\":\"  o'brien&co@Example.COM \","
                        + "\"requested_credential_type\":\"access_token\"}"));

        assertThat(fieldNames(reg))
                .containsExactly(
                        "registration_id",
                        "registration_type",
                        "claim_url",
                        "claim_token",
                        "claim_token_expires",
                        "post_claim_scopes");
        assertThat(text(reg, "registration_id")).matches("reg_" + ID);
        assertThat(text(reg, "registration_type")).isEqualTo("email-verification");
        assertThat(text(reg, "claim_url")).isEqualTo("https://api.example.com/agent/auth/claim");
        assertThat(text(reg, "claim_token")).matches("clm_" + SECRET);
        assertThat(text(reg, "claim_token_expires")).isEqualTo("2026-05-05T12:00:00.123Z");
        assertThat(strings(reg.get("post_claim_scopes"))).containsExactly("api.read", "api.write");
        assertThat(world.mails)
                .singleElement()
                .satisfies(mail -> assertThat(mail.to()).isEqualTo("o'brien&co@example.com"));
        String claimToken = text(reg, "claim_token");
        assertError(
                world.postJson(CLAIM, claimBody(claimToken, "o'brien&co@example.com")),
                ProtocolError.CLAIMED_OR_IN_FLIGHT);

        String otp = text(assertOk(world.postJson(CHALLENGE, challengeBody(world.lastAttemptToken()))), "challenge");
        world.clock.advance(Duration.ofMinutes(2));
        ObjectNode completed = assertOk(world.postJson(COMPLETE, completeBody(claimToken, otp)));

        assertThat(fieldNames(completed))
                .containsExactly(
                        "registration_id", "status", "credential_type", "credential", "credential_expires", "scopes");
        assertThat(text(completed, "registration_id")).isEqualTo(text(reg, "registration_id"));
        assertThat(text(completed, "status")).isEqualTo("claimed");
        assertThat(text(completed, "credential_type")).isEqualTo("access_token");
        assertThat(text(completed, "credential")).matches("at_" + SECRET);
        assertThat(text(completed, "credential_expires"))
                .isEqualTo("2026-05-04T13:02:00.123Z")
                .matches(TIMESTAMP);
        assertThat(strings(completed.get("scopes"))).containsExactly("api.read", "api.write");
        assertThat(principal(text(completed, "credential"), Set.of("api.write")).user())
                .contains("jit-1");
    }

    @Test
    void verifiedEmailFlowWhenApiKeyRequestedThenCredentialExpiresNull() {
        ObjectNode reg = assertOk(
                world.postJson(
                        REGISTER,
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\"verified_email\",\"assertion\":\"kim@example.com\",\"requested_credential_type\":\"api_key\"}"));
        String otp = text(assertOk(world.postJson(CHALLENGE, challengeBody(world.lastAttemptToken()))), "challenge");

        ObjectNode completed = assertOk(world.postJson(COMPLETE, completeBody(text(reg, "claim_token"), otp)));

        assertThat(text(completed, "credential_type")).isEqualTo("api_key");
        assertThat(text(completed, "credential")).matches("sk_" + SECRET);
        assertThat(completed.get("credential_expires").isNull()).isTrue();
    }

    // --- §3a ID-JAG ------------------------------------------------------------------------------

    @Test
    void idJagFlowWhenNewUserThenAccessTokenWithEveryMember() {
        HttpResponse response = world.postJson(
                REGISTER,
                EndpointGarbageTest.idJagBody(world.idJag().agentPlatform("cli").mint(), "access_token"));

        ObjectNode reg = assertOk(response);
        assertThat(fieldNames(reg))
                .containsExactly(
                        "registration_id",
                        "registration_type",
                        "credential_type",
                        "credential",
                        "credential_expires",
                        "scopes");
        assertThat(text(reg, "registration_id")).matches("reg_" + ID);
        assertThat(text(reg, "registration_type")).isEqualTo("agent-provider");
        assertThat(text(reg, "credential_type")).isEqualTo("access_token");
        assertThat(text(reg, "credential")).matches("at_" + SECRET);
        assertThat(text(reg, "credential_expires")).isEqualTo("2026-05-04T13:00:00.123Z");
        assertThat(strings(reg.get("scopes"))).containsExactly("api.read", "api.write");
        assertThat(reg.has("refresh_token")).isFalse();
        assertThat(principal(text(reg, "credential"), Set.of("api.write")).user())
                .contains("jit-1");
    }

    @Test
    void idJagFlowWhenDefaultCredentialTypeThenFirstOfferedAndApiKeyHasNullExpiry() {
        ObjectNode defaulted = assertOk(world.postJson(
                REGISTER, EndpointGarbageTest.idJagBody(world.idJag().mint(), null)));
        ObjectNode key = assertOk(world.postJson(
                REGISTER, EndpointGarbageTest.idJagBody(world.idJag().mint(), "api_key")));

        assertThat(text(defaulted, "credential_type")).isEqualTo("access_token");
        assertThat(text(key, "credential_type")).isEqualTo("api_key");
        assertThat(key.get("credential_expires").isNull()).isTrue();
    }

    @Test
    void idJagFlowWhenReplayedThenReplayDetected() {
        String token = world.idJag().mint();
        assertOk(world.postJson(REGISTER, EndpointGarbageTest.idJagBody(token, null)));

        assertError(
                world.postJson(REGISTER, EndpointGarbageTest.idJagBody(token, null)), ProtocolError.REPLAY_DETECTED);
    }

    @Test
    void idJagFlowWhenExistingAccountNeverLinkedThenStepUpClaimThenCredential() {
        world.accounts.add("user-ada", "ada@example.com");

        ObjectNode reg = assertOk(world.postJson(
                REGISTER,
                EndpointGarbageTest.idJagBody(
                        world.idJag().email("ada@example.com").mint(), "api_key")));

        assertThat(fieldNames(reg))
                .containsExactly(
                        "registration_id",
                        "registration_type",
                        "claim_url",
                        "claim_token",
                        "claim_token_expires",
                        "post_claim_scopes");
        assertThat(text(reg, "registration_type")).isEqualTo("id-jag-step-up");
        assertThat(text(reg, "claim_token_expires")).isEqualTo("2026-05-05T12:00:00.123Z");
        assertThat(strings(reg.get("post_claim_scopes"))).containsExactly("api.read", "api.write");
        assertThat(world.mails)
                .singleElement()
                .satisfies(mail -> assertThat(mail.to()).isEqualTo("ada@example.com"));

        String otp = text(assertOk(world.postJson(CHALLENGE, challengeBody(world.lastAttemptToken()))), "challenge");
        ObjectNode completed = assertOk(world.postJson(COMPLETE, completeBody(text(reg, "claim_token"), otp)));

        assertThat(fieldNames(completed))
                .containsExactly(
                        "registration_id", "status", "credential_type", "credential", "credential_expires", "scopes");
        assertThat(text(completed, "credential_type")).isEqualTo("api_key");
        assertThat(completed.get("credential_expires").isNull()).isTrue();
        assertThat(principal(text(completed, "credential"), Set.of("api.write")).user())
                .contains("user-ada");

        ObjectNode linked = assertOk(world.postJson(
                REGISTER,
                EndpointGarbageTest.idJagBody(
                        world.idJag().email("ada@example.com").mint(), null)));
        assertThat(text(linked, "registration_type"))
                .as("the delegation is linked now")
                .isEqualTo("agent-provider");
    }

    // --- §7 rate limits --------------------------------------------------------------------------

    @Test
    void registerWhenAnonymousLimitPerIpReachedThen429WithRetryAfterAndNothingStored() {
        for (int i = 0; i < 5; i++) {
            assertOk(world.postJson(REGISTER, "{\"type\":\"anonymous\"}"));
        }
        world.resetRecords();

        HttpResponse limited = world.postJson(REGISTER, "{\"type\":\"anonymous\"}");

        assertError(limited, ProtocolError.RATE_LIMITED);
        String retryAfter = limited.header("Retry-After").orElseThrow();
        assertThat(retryAfter).as("delta-seconds").matches("[1-9]\\d*");
        assertThat(Long.parseLong(retryAfter))
                .as("at most two windows of the sliding estimate")
                .isLessThanOrEqualTo(2 * 3600);
        assertThat(world.stores.writes()).doesNotContainKeys("registrations.insert", "credentials.insert");
        assertThat(world.eventTypes()).containsExactly(AuditEventType.RATE_LIMIT_EXCEEDED);

        world.clock.advance(Duration.ofSeconds(Long.parseLong(retryAfter) - 1));
        assertError(world.postJson(REGISTER, "{\"type\":\"anonymous\"}"), ProtocolError.RATE_LIMITED);
        world.clock.advance(Duration.ofSeconds(1));
        assertOk(world.postJson(REGISTER, "{\"type\":\"anonymous\"}"));
    }

    @Test
    void registerWhenNoClientAddressThenPerIpLimitSkipped() {
        for (int i = 0; i < 7; i++) {
            HttpResponse response = world.handle(dev.authmd.spi.http.HttpRequest.builder("POST", REGISTER)
                    .header("Content-Type", "application/json")
                    .body("{\"type\":\"anonymous\"}")
                    .build());
            assertThat(response.status()).isEqualTo(200);
        }
    }

    // --- §7 server errors ------------------------------------------------------------------------

    @Test
    void registerWhenMailSystemDownThen500ServerErrorNothingStoredAndRetryWorks() {
        world.mailDown = true;

        HttpResponse failed = world.postJson(
                REGISTER,
                "{\"type\":\"identity_assertion\",\"assertion_type\":"
                        + "\"verified_email\",\"assertion\":\"ada@example.com\"}");

        assertError(failed, ProtocolError.SERVER_ERROR);
        assertThat(failed.bodyAsString()).doesNotContain("smtp", "Exception");
        assertThat(world.stores.writes()).doesNotContainKeys("registrations.insert", "credentials.insert");
        world.mailDown = false;
        assertThat(assertOk(world.postJson(
                                REGISTER,
                                "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                        + "\"verified_email\",\"assertion\":\"ada@example.com\"}"))
                        .has("claim_token"))
                .isTrue();
    }

    @Test
    void claimWhenMailSystemDownThen500AndTheSameClaimCanBeRetried() {
        String claimToken = text(assertOk(world.postJson(REGISTER, "{\"type\":\"anonymous\"}")), "claim_token");
        world.mailDown = true;

        assertError(world.postJson(CLAIM, claimBody(claimToken, "ada@example.com")), ProtocolError.SERVER_ERROR);

        world.mailDown = false;
        assertOk(world.postJson(CLAIM, claimBody(claimToken, "ada@example.com")));
        assertThat(world.mails).hasSize(1);
    }

    @Test
    void registerWhenStoreFailsThen500ServerErrorWithoutDetailAndNoUsableCredential() {
        world.stores.failWrites = true;

        HttpResponse failed = world.postJson(REGISTER, "{\"type\":\"anonymous\"}");

        assertError(failed, ProtocolError.SERVER_ERROR);
        assertThat(failed.bodyAsString()).doesNotContain("sk_secret_in_message", "StoreException", "store down");
        assertThat(world.eventTypes()).doesNotContain(AuditEventType.REGISTRATION_CREATED);
    }

    // --- §6 revocation ---------------------------------------------------------------------------

    @Test
    void revokeWhenLogoutJwtThen200NoStoreAndDelegationTornDown() {
        ObjectNode reg = assertOk(world.postJson(
                REGISTER, EndpointGarbageTest.idJagBody(world.idJag().mint(), null)));
        String credential = text(reg, "credential");
        principal(credential, Set.of());

        HttpResponse revoked = world.post(
                REVOKE, "application/logout+jwt", world.logoutToken().mint().getBytes(StandardCharsets.UTF_8));

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.header("Cache-Control")).contains("no-store");
        assertThat(revoked.header("Content-Type")).contains("application/json");
        assertDenied(credential, Set.of(), 401);
        assertThat(world.registration(text(reg, "registration_id")).status()).isEqualTo(RegistrationStatus.REVOKED);
        AuditEvent event = world.events.stream()
                .filter(e -> e.type() == AuditEventType.REGISTRATION_REVOKED)
                .findFirst()
                .orElseThrow();
        assertThat(event.details())
                .containsEntry("registration_id", text(reg, "registration_id"))
                .containsEntry("iss", HttpWorld.PROVIDER)
                .containsEntry("sub", "user-1");
    }

    @Test
    void revokeWhenNothingMatchesThenSameAnswerAsWhenSomethingDidOnBothTransports() {
        assertOk(world.postJson(
                REGISTER, EndpointGarbageTest.idJagBody(world.idJag().mint(), null)));

        HttpResponse matched = world.post(
                REVOKE, "application/logout+jwt", world.logoutToken().mint().getBytes(StandardCharsets.UTF_8));
        HttpResponse unmatchedJwt = world.post(
                REVOKE,
                "application/logout+jwt",
                world.logoutToken().subject("nobody").mint().getBytes(StandardCharsets.UTF_8));
        HttpResponse unmatchedForm = world.post(
                REVOKE,
                "application/x-www-form-urlencoded",
                ("logout_token=" + encode(world.logoutToken().subject("nobody").mint()))
                        .getBytes(StandardCharsets.UTF_8));
        assertOk(world.postJson(
                REGISTER,
                EndpointGarbageTest.idJagBody(world.idJag().subject("user-2").mint(), null)));
        HttpResponse matchedForm = world.post(
                REVOKE,
                "application/x-www-form-urlencoded; charset=UTF-8",
                ("logout_token=" + encode(world.logoutToken().subject("user-2").mint()))
                        .getBytes(StandardCharsets.UTF_8));

        for (HttpResponse response : List.of(unmatchedJwt, unmatchedForm, matchedForm)) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(matched.body());
            assertThat(response.headers()).isEqualTo(matched.headers());
        }
        assertThat(matched.header("Cache-Control")).contains("no-store");
        assertThat(world.events.stream()
                        .filter(e -> e.type() == AuditEventType.REGISTRATION_REVOKED)
                        .count())
                .isEqualTo(2);
    }

    @Test
    void revokeWhenTokenInvalidThen400WithItsCode() {
        String token = world.logoutToken().mint();
        assertThat(world.post(REVOKE, "application/logout+jwt", token.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(200);

        assertError(
                world.post(REVOKE, "application/logout+jwt", token.getBytes(StandardCharsets.UTF_8)),
                ProtocolError.REPLAY_DETECTED);
        assertError(
                world.post(
                        REVOKE,
                        "application/logout+jwt",
                        world.logoutToken().type("oauth-id-jag+jwt").mint().getBytes(StandardCharsets.UTF_8)),
                ProtocolError.INVALID_REQUEST);
        assertError(
                world.post(
                        REVOKE,
                        "application/logout+jwt",
                        world.logoutToken()
                                .audience("https://elsewhere.example")
                                .mint()
                                .getBytes(StandardCharsets.UTF_8)),
                ProtocolError.INVALID_AUDIENCE);
        assertError(
                world.post(
                        REVOKE, "application/logout+jwt", world.idJag().mint().getBytes(StandardCharsets.UTF_8)),
                ProtocolError.INVALID_REQUEST);
    }

    // --- helpers ------------------------------------------------------------------------------

    private static ObjectNode assertOk(HttpResponse response) {
        ObjectNode body = json(response);
        assertThat(response.status()).as("status of %s", body).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(body.has("error")).isFalse();
        return body;
    }

    private AgentPrincipal principal(String credential, Set<String> scopes) {
        AuthenticationResult result = world.service.authenticate(
                RequestContext.defaultTenant(HttpWorld.CLIENT_IP), "Bearer " + credential, scopes);
        assertThat(result).isInstanceOf(AuthenticationResult.Authenticated.class);
        return result.principal().orElseThrow();
    }

    private void assertDenied(String credential, Set<String> scopes, int status) {
        AuthenticationResult result = world.service.authenticate(
                RequestContext.defaultTenant(HttpWorld.CLIENT_IP), "Bearer " + credential, scopes);
        assertThat(result)
                .isInstanceOfSatisfying(
                        AuthenticationResult.Denied.class,
                        denied -> assertThat(denied.status()).isEqualTo(status));
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        assertThat(value).as(member).isNotNull();
        assertThat(value.isTextual()).as("%s is a string", member).isTrue();
        return value.asText();
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(v -> {
            assertThat(v.isTextual()).isTrue();
            values.add(v.asText());
        });
        return values;
    }

    static String claimBody(String claimToken, String email) {
        return "{\"claim_token\":\"" + claimToken + "\",\"email\":\"" + email + "\"}";
    }

    static String challengeBody(String attemptToken) {
        return "{\"claim_attempt_token\":\"" + attemptToken + "\"}";
    }

    static String completeBody(String claimToken, String otp) {
        return "{\"claim_token\":\"" + claimToken + "\",\"otp\":\"" + otp + "\"}";
    }

    private static String wrong(String otp) {
        return otp.equals("000000") ? "000001" : "000000";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
