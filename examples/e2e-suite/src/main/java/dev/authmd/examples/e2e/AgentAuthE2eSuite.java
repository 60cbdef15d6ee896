package dev.authmd.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.protocol.challenge.BearerChallenge;
import dev.authmd.protocol.error.ProtocolError;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end suite: every flow of docs/protocol.md driven over real HTTP with {@link java.net.http.HttpClient}
 * against a running server, asserting statuses, headers and wire bodies exactly (member names, types, prefixes,
 * timestamp format). Each adapter example extends it in a test that starts its server and answers {@link #baseUrl()}
 * and {@link #claimInbox()}.
 *
 * <p><b>What the server under test must be.</b> The demo service on the adapter's stack ({@code DemoService} of
 * {@code examples/demo}, or an equivalent): the library's endpoints at the default paths, found here through discovery
 * as an agent would; the built-in demo provider (trusted) with its dev endpoints {@code POST /demo/provider/id-jag} and
 * {@code POST /demo/provider/logout}; the sample API ({@code GET /api/me} needing {@code api.read}, {@code POST
 * /api/notes} needing {@code api.write}, anonymous keys getting {@code api.read} only); the demo's accounts
 * ({@code bob@example.com} exists, everyone else is provisioned just in time); <b>rate limits off</b> (this suite
 * registers far more than five anonymous agents from one address); one fresh server per test class (the step-up case
 * links Bob once). The expiry cases run only when {@link #testClock()} answers the clock the server uses; otherwise
 * they are skipped (reported as such) and left to the core's unit tests.
 *
 * <pre>{@code
 * class JettyE2eTest extends AgentAuthE2eSuite {
 *     static final AdjustableClock CLOCK = new AdjustableClock();
 *     static Path mail; static JettyDemoServer server;
 *     @BeforeAll static void start(@TempDir Path dir) throws Exception {
 *         mail = dir;
 *         server = JettyDemoServer.start(DemoOptions.parse(new String[] {"--port", "0",
 *                 "--mail-dir", dir.toString(), "--rate-limits", "off"}, Map.of()), CLOCK);
 *     }
 *     @AfterAll static void stop() throws Exception { server.close(); }
 *     protected URI baseUrl() { return server.baseUrl(); }
 *     protected ClaimInbox claimInbox() { return ClaimInbox.mailDirectory(mail); }
 *     protected Optional<AdjustableClock> testClock() { return Optional.of(CLOCK); }
 * }
 * }</pre>
 */
public abstract class AgentAuthE2eSuite {

    /** The protocol's timestamp format: ISO-8601 UTC with milliseconds. */
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private static final Pattern OTP = Pattern.compile("\\d{6}");
    private static final String ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";
    private static final String JSON_TYPE = "application/json";
    private static final String READ = "api.read";
    private static final String WRITE = "api.write";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private Endpoints endpoints;

    /** @return the public base URL of the running server, e.g. {@code http://localhost:51234} */
    protected abstract URI baseUrl();

    /** @return where the server's claim emails can be read */
    protected abstract ClaimInbox claimInbox();

    /** @return the clock the server runs on, when the test shares one; default none */
    protected Optional<AdjustableClock> testClock() {
        return Optional.empty();
    }

    /** @return the server's body limit; default the protocol's 64 KiB */
    protected int maxRequestBodyBytes() {
        return 64 * 1024;
    }

    // --- discovery ----------------------------------------------------------------------------

    @Test
    void discoveryWhenFollowedFromA401ThenLeadsToEveryEndpointAndTheAuthMd() throws Exception {
        Reply unauthenticated = get(api("/api/me"));
        BearerChallenge challenge = challenge(unauthenticated);
        URI prmUrl = URI.create(challenge.resourceMetadata().orElseThrow());

        Reply prm = get(prmUrl);
        assertThat(prm.status()).isEqualTo(200);
        assertThat(prm.mediaType()).isEqualTo(JSON_TYPE);
        JsonNode resource = prm.json();
        assertThat(text(resource, "resource")).isEqualTo(baseUrl().toString());
        List<String> servers = strings(resource, "authorization_servers");
        assertThat(servers).hasSize(1);
        assertThat(strings(resource, "scopes_supported")).containsExactly(READ, WRITE);
        assertThat(strings(resource, "bearer_methods_supported")).containsExactly("header");

        Reply as = get(URI.create(servers.get(0) + "/.well-known/oauth-authorization-server"));
        assertThat(as.status()).isEqualTo(200);
        JsonNode metadata = as.json();
        assertThat(text(metadata, "issuer")).isEqualTo(servers.get(0));
        JsonNode agentAuth = metadata.get("agent_auth");
        assertThat(agentAuth.isObject()).as(metadata.toString()).isTrue();
        // service_auth joins when the current profile is served with the host's sign-in (the demo's development one)
        assertThat(strings(agentAuth, "identity_types_supported"))
                .startsWith("anonymous", "identity_assertion")
                .isSubsetOf("anonymous", "identity_assertion", "service_auth");
        assertThat(strings(agentAuth.get("identity_assertion"), "assertion_types_supported"))
                .containsExactlyInAnyOrder(ID_JAG, "verified_email");
        Endpoints found = endpoints();
        assertThat(text(agentAuth, "register_uri")).isEqualTo(found.register().toString());
        assertThat(text(agentAuth, "claim_uri")).isEqualTo(found.claim().toString());
        assertThat(text(agentAuth, "revocation_uri"))
                .isEqualTo(found.revocation().toString());

        Reply authMd = get(URI.create(text(agentAuth, "skill")));
        assertThat(authMd.status()).isEqualTo(200);
        assertMarkdownUtf8(authMd);
        assertThat(authMd.body())
                .contains(found.register().toString(), found.claim().toString());
    }

    @Test
    void authMdWhenHeadThenHeadersAndLengthWithoutBody() throws Exception {
        URI authMd = baseUrl().resolve("/auth.md");
        Reply full = get(authMd);
        Reply head = send(HttpRequest.newBuilder(authMd).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertMarkdownUtf8(head);
        assertThat(head.headers().firstValueAsLong("Content-Length"))
                .hasValue(full.body().getBytes(StandardCharsets.UTF_8).length);
    }

    // --- anonymous ----------------------------------------------------------------------------

    @Test
    void anonymousWhenRegisteredThenPreClaimKeyAndClaimHandle() throws Exception {
        Reply reply = postJson(endpoints().register(), "{\"type\":\"anonymous\"}");

        assertSecretAnswer(reply, 200);
        JsonNode body = reply.json();
        assertFields(
                body,
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
        assertThat(text(body, "registration_id")).startsWith("reg_");
        assertThat(text(body, "registration_type")).isEqualTo("anonymous");
        assertThat(text(body, "credential_type")).isEqualTo("api_key");
        assertThat(text(body, "credential")).startsWith("sk_");
        assertThat(body.get("credential_expires").isNull()).isTrue();
        assertThat(strings(body, "scopes")).containsExactly(READ);
        assertThat(text(body, "claim_url")).isEqualTo(endpoints().claim().toString());
        assertThat(text(body, "claim_token")).startsWith("clm_");
        assertThat(timestamp(body, "claim_token_expires")).isAfter(Instant.now().minusSeconds(60));
        assertThat(strings(body, "post_claim_scopes")).containsExactly(READ, WRITE);
    }

    @Test
    void anonymousWhenClaimedThenSameKeyUpgradedInPlace() throws Exception {
        JsonNode registration =
                postJson(endpoints().register(), "{\"type\":\"anonymous\"}").json();
        String key = text(registration, "credential");
        String registrationId = text(registration, "registration_id");
        JsonNode before = get(api("/api/me"), bearer(key)).json();
        assertThat(before.get("user_id").isNull()).isTrue();
        assertThat(strings(before, "scopes")).containsExactly(READ);
        assertError(post(api("/api/notes"), bearer(key)), ProtocolError.INSUFFICIENT_SCOPE);

        String email = freshEmail();
        Reply started =
                postJson(endpoints().claim(), json("claim_token", text(registration, "claim_token"), "email", email));
        assertSecretAnswer(started, 200);
        JsonNode claim = started.json();
        assertFields(claim, "registration_id", "claim_attempt_id", "status", "expires_at");
        assertThat(text(claim, "registration_id")).isEqualTo(registrationId);
        assertThat(text(claim, "claim_attempt_id")).startsWith("cla_");
        assertThat(text(claim, "status")).isEqualTo("initiated");
        timestamp(claim, "expires_at");

        String otp = showCode(registrationId, email);
        Reply completed =
                postJson(endpoints().complete(), json("claim_token", text(registration, "claim_token"), "otp", otp));

        assertSecretAnswer(completed, 200);
        assertFields(completed.json(), "registration_id", "status");
        assertThat(text(completed.json(), "registration_id")).isEqualTo(registrationId);
        assertThat(text(completed.json(), "status")).isEqualTo("claimed");
        JsonNode after = get(api("/api/me"), bearer(key)).json();
        assertThat(text(after, "registration_id")).isEqualTo(registrationId);
        assertThat(text(after, "user_id")).isNotBlank();
        assertThat(strings(after, "scopes")).containsExactly(READ, WRITE);
        Reply note = post(api("/api/notes"), bearer(key));
        assertThat(note.status()).isEqualTo(201);
        assertThat(text(note.json(), "by_registration")).isEqualTo(registrationId);
        assertError(
                postJson(endpoints().complete(), json("claim_token", text(registration, "claim_token"), "otp", otp)),
                ProtocolError.PREVIOUSLY_CLAIMED);
    }

    @Test
    void claimCompleteWhenNoCodeYetOrWrongCodeThenExactErrors() throws Exception {
        JsonNode registration =
                postJson(endpoints().register(), "{\"type\":\"anonymous\"}").json();
        String claimToken = text(registration, "claim_token");
        String email = freshEmail();
        assertThat(postJson(endpoints().claim(), json("claim_token", claimToken, "email", email))
                        .status())
                .isEqualTo(200);

        assertError(
                postJson(endpoints().complete(), json("claim_token", claimToken, "otp", "123456")),
                ProtocolError.OTP_NOT_GENERATED);
        String otp = showCode(text(registration, "registration_id"), email);
        String wrong = otp.equals("000000") ? "000001" : "000000";
        assertError(
                postJson(endpoints().complete(), json("claim_token", claimToken, "otp", wrong)),
                ProtocolError.OTP_INVALID);
        assertThat(postJson(endpoints().complete(), json("claim_token", claimToken, "otp", otp))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void claimWhenTokenUnknownThen401InvalidClaimToken() throws Exception {
        String unknown = "clm_" + UUID.randomUUID().toString().replace("-", "");

        assertError(
                postJson(endpoints().claim(), json("claim_token", unknown, "email", freshEmail())),
                ProtocolError.INVALID_CLAIM_TOKEN);
        assertError(
                postJson(endpoints().complete(), json("claim_token", unknown, "otp", "123456")),
                ProtocolError.INVALID_CLAIM_TOKEN);
    }

    @Test
    void challengeWhenAttemptTokenUnknownThen410ClaimSuperseded() throws Exception {
        assertError(
                postJson(endpoints().challenge(), json("claim_attempt_token", "cvt_unknown")),
                ProtocolError.CLAIM_SUPERSEDED);
    }

    // --- verified email -----------------------------------------------------------------------

    @Test
    void verifiedEmailWhenRegisteredThenNoCredentialUntilTheHumanConfirms() throws Exception {
        String email = freshEmail();
        Reply reply = postJson(
                endpoints().register(),
                json("type", "identity_assertion", "assertion_type", "verified_email", "assertion", email));

        assertSecretAnswer(reply, 200);
        JsonNode registration = reply.json();
        assertFields(
                registration,
                "registration_id",
                "registration_type",
                "claim_url",
                "claim_token",
                "claim_token_expires",
                "post_claim_scopes");
        assertThat(text(registration, "registration_type")).isEqualTo("email-verification");
        assertThat(text(registration, "claim_url"))
                .isEqualTo(endpoints().claim().toString());
        assertThat(text(registration, "claim_token")).startsWith("clm_");
        timestamp(registration, "claim_token_expires");
        assertThat(strings(registration, "post_claim_scopes")).containsExactly(READ, WRITE);
        String claimToken = text(registration, "claim_token");
        assertError(
                postJson(endpoints().claim(), json("claim_token", claimToken, "email", email)),
                ProtocolError.CLAIMED_OR_IN_FLIGHT);

        String otp = showCode(text(registration, "registration_id"), email);
        Reply completed = postJson(endpoints().complete(), json("claim_token", claimToken, "otp", otp));

        assertSecretAnswer(completed, 200);
        JsonNode credential = completed.json();
        assertFields(
                credential,
                "registration_id",
                "status",
                "credential_type",
                "credential",
                "credential_expires",
                "scopes");
        assertThat(text(credential, "status")).isEqualTo("claimed");
        assertThat(text(credential, "credential_type")).isEqualTo("access_token");
        assertThat(text(credential, "credential")).startsWith("at_");
        assertThat(timestamp(credential, "credential_expires")).isAfter(Instant.now());
        assertThat(strings(credential, "scopes")).containsExactly(READ, WRITE);
        JsonNode me =
                get(api("/api/me"), bearer(text(credential, "credential"))).json();
        assertThat(text(me, "registration_type")).isEqualTo("email-verification");
        assertThat(text(me, "user_id")).isNotBlank();
    }

    // --- ID-JAG and step-up -------------------------------------------------------------------

    @Test
    void idJagWhenNewUserThenAccessTokenAtOnceAndReplayRefused() throws Exception {
        String assertion = mintIdJag(freshEmail());
        Reply reply = postJson(endpoints().register(), idJagBody(assertion));

        assertSecretAnswer(reply, 200);
        JsonNode registration = reply.json();
        assertFields(
                registration,
                "registration_id",
                "registration_type",
                "credential_type",
                "credential",
                "credential_expires",
                "scopes");
        assertThat(text(registration, "registration_type")).isEqualTo("agent-provider");
        assertThat(text(registration, "credential_type")).isEqualTo("access_token");
        assertThat(text(registration, "credential")).startsWith("at_");
        assertThat(timestamp(registration, "credential_expires")).isAfter(Instant.now());
        assertThat(strings(registration, "scopes")).containsExactly(READ, WRITE);
        JsonNode me =
                get(api("/api/me"), bearer(text(registration, "credential"))).json();
        assertThat(text(me, "registration_type")).isEqualTo("agent-provider");
        assertThat(text(me, "credential_type")).isEqualTo("access_token");
        assertError(postJson(endpoints().register(), idJagBody(assertion)), ProtocolError.REPLAY_DETECTED);
    }

    @Test
    void idJagWhenAssertionIsNotAJwtThen400InvalidRequest() throws Exception {
        assertError(postJson(endpoints().register(), idJagBody("not-a-jwt")), ProtocolError.INVALID_REQUEST);
    }

    @Test
    void stepUpWhenIdJagMatchesAnExistingAccountThenClaimBeforeCredential() throws Exception {
        String bob = "bob@example.com";
        Reply reply = postJson(endpoints().register(), idJagBody(mintIdJag(bob)));

        assertSecretAnswer(reply, 200);
        JsonNode registration = reply.json();
        assertFields(
                registration,
                "registration_id",
                "registration_type",
                "claim_url",
                "claim_token",
                "claim_token_expires",
                "post_claim_scopes");
        assertThat(text(registration, "registration_type")).isEqualTo("id-jag-step-up");
        timestamp(registration, "claim_token_expires");

        String otp = showCode(text(registration, "registration_id"), bob);
        Reply completed =
                postJson(endpoints().complete(), json("claim_token", text(registration, "claim_token"), "otp", otp));

        assertSecretAnswer(completed, 200);
        JsonNode credential = completed.json();
        assertFields(
                credential,
                "registration_id",
                "status",
                "credential_type",
                "credential",
                "credential_expires",
                "scopes");
        assertThat(text(credential, "credential_type")).isEqualTo("access_token");
        JsonNode me =
                get(api("/api/me"), bearer(text(credential, "credential"))).json();
        assertThat(text(me, "user_id")).isEqualTo("user_bob");
        // linked now: the next assertion for Bob gets its credential at once
        JsonNode again =
                postJson(endpoints().register(), idJagBody(mintIdJag(bob))).json();
        assertThat(text(again, "registration_type")).isEqualTo("agent-provider");
        assertThat(text(again, "credential")).startsWith("at_");
    }

    // --- authenticate -------------------------------------------------------------------------

    @Test
    void authenticateWhenNoCredentialThen401ChallengeWithoutErrorAttribute() throws Exception {
        Reply reply = get(api("/api/me"));

        assertThat(reply.status()).isEqualTo(401);
        BearerChallenge challenge = challenge(reply);
        assertThat(challenge.resourceMetadata()).contains(baseUrl() + "/.well-known/oauth-protected-resource");
        assertThat(challenge.error()).isEmpty();
        // RFC 6750 §3.1: no error code without a credential, in the body either
        assertThat(reply.json().has("error")).isFalse();
        assertThat(text(reply.json(), "resource_metadata"))
                .isEqualTo(baseUrl() + "/.well-known/oauth-protected-resource");
    }

    @Test
    void authenticateWhenTwoAuthorizationHeadersThen400InvalidRequestWhicheverIsValid() throws Exception {
        String key = text(
                postJson(endpoints().register(), "{\"type\":\"anonymous\"}").json(), "credential");

        Reply reply = get(api("/api/me"), "Authorization", "Bearer " + key, "Authorization", "Bearer sk_other");

        assertError(reply, ProtocolError.INVALID_REQUEST);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(challenge(reply).protocolError()).contains(ProtocolError.INVALID_REQUEST);
        assertThat(get(api("/api/me"), bearer(key)).status()).isEqualTo(200);
    }

    @Test
    void authenticateWhenHeadOnAProtectedRouteThenTheSameGuardAndNoBody() throws Exception {
        String key = text(
                postJson(endpoints().register(), "{\"type\":\"anonymous\"}").json(), "credential");

        Reply allowed = send(HttpRequest.newBuilder(api("/api/me"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + key));
        Reply refused =
                send(HttpRequest.newBuilder(api("/api/me")).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).isEmpty();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).isEmpty();
        assertThat(challenge(refused).resourceMetadata()).isPresent();
    }

    @Test
    void authenticateWhenCredentialUnknownThen401InvalidToken() throws Exception {
        Reply reply =
                get(api("/api/me"), bearer("sk_" + UUID.randomUUID().toString().replace("-", "")));

        assertError(reply, ProtocolError.INVALID_TOKEN);
        assertThat(challenge(reply).protocolError()).contains(ProtocolError.INVALID_TOKEN);
    }

    @Test
    void authenticateWhenScopeMissingThen403InsufficientScope() throws Exception {
        String key = text(
                postJson(endpoints().register(), "{\"type\":\"anonymous\"}").json(), "credential");

        Reply reply = post(api("/api/notes"), bearer(key));

        assertError(reply, ProtocolError.INSUFFICIENT_SCOPE);
        BearerChallenge challenge = challenge(reply);
        assertThat(challenge.protocolError()).contains(ProtocolError.INSUFFICIENT_SCOPE);
        assertThat(challenge.scopes()).contains(WRITE);
    }

    // --- revocation ---------------------------------------------------------------------------

    @Test
    void revocationWhenProviderSendsLogoutTokenThenAccessTokenStopsWorking() throws Exception {
        String email = freshEmail();
        String token = text(
                postJson(endpoints().register(), idJagBody(mintIdJag(email))).json(), "credential");
        assertThat(get(api("/api/me"), bearer(token)).status()).isEqualTo(200);

        Reply logout = postJson(api("/demo/provider/logout"), json("email", email));

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.json().get("revocation_status").asInt()).isEqualTo(200);
        JsonNode revocation = JSON.readTree(text(logout.json(), "revocation_response"));
        assertFields(revocation, "status");
        assertThat(text(revocation, "status")).isEqualTo("ok");
        Reply after = get(api("/api/me"), bearer(token));
        assertError(after, ProtocolError.INVALID_TOKEN);
    }

    @Test
    void revocationWhenLogoutTokenIsNotAJwtThen400ForBothTransports() throws Exception {
        Reply bare = send(HttpRequest.newBuilder(endpoints().revocation())
                .header("Content-Type", "application/logout+jwt")
                .POST(HttpRequest.BodyPublishers.ofString("not-a-jwt")));
        Reply form = send(HttpRequest.newBuilder(endpoints().revocation())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=not-a-jwt")));

        assertError(bare, ProtocolError.INVALID_REQUEST);
        assertError(form, ProtocolError.INVALID_REQUEST);
    }

    // --- bad input ----------------------------------------------------------------------------

    @Test
    void registerWhenWrongMethodThen405WithAllow() throws Exception {
        Reply reply = get(endpoints().register());

        assertError(reply, ProtocolError.METHOD_NOT_ALLOWED);
        assertThat(reply.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void registerWhenContentTypeIsNotJsonThen400InvalidRequest() throws Exception {
        Reply reply = send(HttpRequest.newBuilder(endpoints().register())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"anonymous\"}")));

        assertError(reply, ProtocolError.INVALID_REQUEST);
    }

    @Test
    void registerWhenBodyIsNotOneJsonObjectThen400InvalidRequest() throws Exception {
        for (String body : List.of(
                "{\"type\":",
                "[]",
                "{\"type\":\"anonymous\",\"type\":\"anonymous\"}",
                "{\"type\":\"anonymous\"} {}",
                "")) {
            assertError(postJson(endpoints().register(), body), ProtocolError.INVALID_REQUEST);
        }
    }

    @Test
    void registerWhenBodyExceedsTheLimitThen400InvalidRequestAndAtTheLimitAccepted() throws Exception {
        assertThat(postJson(endpoints().register(), padded(maxRequestBodyBytes()))
                        .status())
                .isEqualTo(200);
        assertError(postJson(endpoints().register(), padded(maxRequestBodyBytes() + 1)), ProtocolError.INVALID_REQUEST);
    }

    @Test
    void registerWhenAHundredOneMegabyteBodiesOnOnePooledClientThenEachGetsItsAnswerAndTheNextRequestToo()
            throws Exception {
        // security finding 6: an early 400 without Connection: close left a pooled client a dead connection
        byte[] megabyte = new byte[1024 * 1024];
        java.util.Arrays.fill(megabyte, (byte) ' ');
        megabyte[0] = '{';
        for (int i = 0; i < 100; i++) {
            Reply oversized = send(HttpRequest.newBuilder(endpoints().register())
                    .header("Content-Type", JSON_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(megabyte)));
            assertThat(oversized.status()).as("request %d", i).isEqualTo(400);
        }
        assertThat(postJson(endpoints().register(), "{\"type\":\"anonymous\"}").status())
                .isEqualTo(200);
    }

    @Test
    void registerWhenTypeOrAssertionTypeUnknownThen400InvalidRequest() throws Exception {
        assertError(postJson(endpoints().register(), "{\"type\":\"password\"}"), ProtocolError.INVALID_REQUEST);
        assertError(postJson(endpoints().register(), "{\"type\":7}"), ProtocolError.INVALID_REQUEST);
        assertError(
                postJson(
                        endpoints().register(),
                        json("type", "identity_assertion", "assertion_type", "saml", "assertion", "x")),
                ProtocolError.INVALID_REQUEST);
    }

    @Test
    void registerWhenCredentialTypeNotOfferedThen400UnsupportedCredentialType() throws Exception {
        assertError(
                postJson(
                        endpoints().register(), json("type", "anonymous", "requested_credential_type", "access_token")),
                ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE);
    }

    // --- expiry (only with a shared test clock) -----------------------------------------------

    @Test
    void expiryWhenAccessTokenOutlivesItsTtlThen401InvalidToken() throws Exception {
        AdjustableClock clock = requireTestClock();
        JsonNode registration = postJson(endpoints().register(), idJagBody(mintIdJag(freshEmail())))
                .json();
        String token = text(registration, "credential");
        assertThat(get(api("/api/me"), bearer(token)).status()).isEqualTo(200);

        clock.advancePast(timestamp(registration, "credential_expires"), Duration.ofSeconds(1));

        assertError(get(api("/api/me"), bearer(token)), ProtocolError.INVALID_TOKEN);
    }

    @Test
    void expiryWhenClaimWindowClosedThen410ClaimExpired() throws Exception {
        AdjustableClock clock = requireTestClock();
        JsonNode registration =
                postJson(endpoints().register(), "{\"type\":\"anonymous\"}").json();

        clock.advancePast(timestamp(registration, "claim_token_expires"), Duration.ofSeconds(1));

        assertError(
                postJson(
                        endpoints().claim(),
                        json("claim_token", text(registration, "claim_token"), "email", freshEmail())),
                ProtocolError.CLAIM_EXPIRED);
    }

    @Test
    void expiryWhenOtpOutlivesItsTtlThen410OtpExpired() throws Exception {
        AdjustableClock clock = requireTestClock();
        JsonNode registration =
                postJson(endpoints().register(), "{\"type\":\"anonymous\"}").json();
        String claimToken = text(registration, "claim_token");
        String email = freshEmail();
        postJson(endpoints().claim(), json("claim_token", claimToken, "email", email));
        URI link = inbox(text(registration, "registration_id"), email);
        JsonNode challenge = postJson(endpoints().challenge(), json("claim_attempt_token", attemptToken(link)))
                .json();

        clock.advancePast(timestamp(challenge, "expires_at"), Duration.ofSeconds(1));

        assertError(
                postJson(endpoints().complete(), json("claim_token", claimToken, "otp", text(challenge, "challenge"))),
                ProtocolError.OTP_EXPIRED);
    }

    // --- the human's side of a claim ----------------------------------------------------------

    /**
     * Does what the human does: reads the newest claim email for the registration, checks it went to {@code email},
     * opens the page and presses the button that shows the code.
     *
     * @return the OTP the page shows
     */
    private String showCode(String registrationId, String email) throws Exception {
        URI link = inbox(registrationId, email);
        Reply page = get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.mediaType()).isEqualTo("text/html");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");

        Reply minted = postJson(endpoints().challenge(), json("claim_attempt_token", attemptToken(link)));
        assertSecretAnswer(minted, 200);
        JsonNode challenge = minted.json();
        assertFields(challenge, "type", "challenge", "expires_at");
        assertThat(text(challenge, "type")).isEqualTo("otp");
        timestamp(challenge, "expires_at");
        String otp = text(challenge, "challenge");
        assertThat(otp).matches(OTP);
        return otp;
    }

    private URI inbox(String registrationId, String email) {
        ClaimInbox.Message message = claimInbox()
                .latest(registrationId)
                .orElseThrow(() -> new AssertionError("no claim email for " + registrationId));
        assertThat(message.to()).isEqualToIgnoringCase(email);
        assertThat(message.link().toString()).startsWith(endpoints().claim() + "/view?token=");
        return message.link();
    }

    private static String attemptToken(URI link) {
        String query = link.getRawQuery();
        String token =
                URLDecoder.decode(query.substring(query.indexOf("token=") + "token=".length()), StandardCharsets.UTF_8);
        assertThat(token).startsWith("cvt_");
        return token;
    }

    private String mintIdJag(String email) throws Exception {
        Reply minted = postJson(api("/demo/provider/id-jag"), json("email", email));
        assertThat(minted.status()).as(minted.body()).isEqualTo(200);
        return text(minted.json(), "assertion");
    }

    private AdjustableClock requireTestClock() {
        Optional<AdjustableClock> clock = testClock();
        Assumptions.assumeTrue(
                clock.isPresent(),
                "the server under test shares no test clock; expiry is covered by the core's unit tests");
        return clock.get();
    }

    // --- discovery of the endpoints, as an agent does it --------------------------------------

    private record Endpoints(URI register, URI claim, URI revocation) {
        URI challenge() {
            return URI.create(claim + "/attempt/challenge");
        }

        URI complete() {
            return URI.create(claim + "/complete");
        }
    }

    private Endpoints endpoints() {
        if (endpoints == null) {
            try {
                JsonNode prm = get(baseUrl().resolve("/.well-known/oauth-protected-resource"))
                        .json();
                String issuer = strings(prm, "authorization_servers").get(0);
                JsonNode agentAuth = get(URI.create(issuer + "/.well-known/oauth-authorization-server"))
                        .json()
                        .get("agent_auth");
                endpoints = new Endpoints(
                        URI.create(text(agentAuth, "register_uri")),
                        URI.create(text(agentAuth, "claim_uri")),
                        URI.create(text(agentAuth, "revocation_uri")));
            } catch (IOException e) {
                throw new AssertionError("discovery failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted during discovery", e);
            }
        }
        return endpoints;
    }

    private URI api(String path) {
        return URI.create(baseUrl() + path);
    }

    // --- wire assertions ----------------------------------------------------------------------

    /** A protocol error: its status, a JSON body of exactly {@code error} and {@code message}, no-store. */
    private static void assertError(Reply reply, ProtocolError error) throws IOException {
        assertThat(reply.status()).as(reply.body()).isEqualTo(error.httpStatus());
        assertThat(reply.mediaType()).isEqualTo(JSON_TYPE);
        assertThat(reply.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = reply.json();
        assertFields(body, "error", "message");
        assertThat(text(body, "error")).isEqualTo(error.code());
        assertThat(text(body, "message")).isNotBlank();
    }

    /** A JSON answer that carries a secret: the status, JSON, never cached. */
    /**
     * {@code text/markdown; charset=utf-8} (docs/protocol.md#v01-2) compared as RFC 9110 §8.3.1 does: whitespace around
     * {@code ;} is optional (Tomcat writes none), names are case-insensitive.
     */
    private static void assertMarkdownUtf8(Reply reply) {
        assertThat(reply.mediaType()).as(reply.headers().toString()).isEqualTo("text/markdown");
        assertThat(reply.charset()).as(reply.headers().toString()).contains("utf-8");
    }

    private static void assertSecretAnswer(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.mediaType()).isEqualTo(JSON_TYPE);
        assertThat(reply.headers().firstValue("Cache-Control")).contains("no-store");
    }

    private static void assertFields(JsonNode node, String... names) {
        assertThat(node.isObject()).as("an object: " + node).isTrue();
        List<String> actual = new ArrayList<>();
        node.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).as("members of " + node).containsExactlyInAnyOrder(names);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        assertThat(value).as(name + " in " + node).isNotNull();
        assertThat(value.isTextual()).as(name + " is a string in " + node).isTrue();
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String name) {
        JsonNode value = node.get(name);
        assertThat(value).as(name + " in " + node).isNotNull();
        assertThat(value.isArray()).as(name + " is an array in " + node).isTrue();
        List<String> out = new ArrayList<>();
        value.forEach(element -> {
            assertThat(element.isTextual())
                    .as(name + " holds strings in " + node)
                    .isTrue();
            out.add(element.asText());
        });
        return out;
    }

    private static Instant timestamp(JsonNode node, String name) {
        String value = text(node, name);
        assertThat(value)
                .as(name + " is an ISO-8601 UTC timestamp with milliseconds")
                .matches(TIMESTAMP);
        return Instant.parse(value);
    }

    private static BearerChallenge challenge(Reply reply) {
        String header = reply.headers()
                .firstValue("WWW-Authenticate")
                .orElseThrow(() -> new AssertionError("no WWW-Authenticate on " + reply.status()));
        return BearerChallenge.parse(header).orElseThrow(() -> new AssertionError("no Bearer challenge: " + header));
    }

    // --- HTTP ---------------------------------------------------------------------------------

    /** A response as read off the wire. */
    private record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() throws JsonProcessingException {
            return JSON.readTree(body);
        }

        /** @return the Content-Type without parameters, lower case; empty when absent */
        String mediaType() {
            return headers.firstValue("Content-Type")
                    .map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                    .orElse("");
        }

        /** @return the Content-Type's charset parameter, unquoted, lower case; empty when absent */
        Optional<String> charset() {
            String[] parts = headers.firstValue("Content-Type").orElse("").split(";");
            for (int i = 1; i < parts.length; i++) {
                String[] param = parts[i].split("=", 2);
                if (param.length == 2 && param[0].strip().equalsIgnoreCase("charset")) {
                    return Optional.of(param[1].strip().replace("\"", "").toLowerCase(Locale.ROOT));
                }
            }
            return Optional.empty();
        }
    }

    private Reply get(URI uri, String... headers) throws IOException, InterruptedException {
        return send(withHeaders(HttpRequest.newBuilder(uri).GET(), headers));
    }

    private Reply post(URI uri, String... headers) throws IOException, InterruptedException {
        return send(withHeaders(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()), headers));
    }

    private Reply postJson(URI uri, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static String[] bearer(String credential) {
        return new String[] {"Authorization", "Bearer " + credential};
    }

    private static String json(String... members) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();
            for (int i = 0; i + 1 < members.length; i += 2) {
                node.put(members[i], members[i + 1]);
            }
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idJagBody(String assertion) {
        return json("type", "identity_assertion", "assertion_type", ID_JAG, "assertion", assertion);
    }

    /** A valid anonymous registration padded with spaces to exactly {@code size} bytes. */
    private static String padded(int size) {
        String core = "{\"type\":\"anonymous\"";
        char[] spaces = new char[size - core.length() - 1];
        Arrays.fill(spaces, ' ');
        return core + new String(spaces) + "}";
    }

    private static String freshEmail() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }
}
