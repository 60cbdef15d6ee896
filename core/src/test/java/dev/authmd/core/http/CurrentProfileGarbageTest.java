package dev.authmd.core.http;

import static dev.authmd.core.http.CurrentProfileFlowsTest.idJagBody;
import static dev.authmd.core.http.HttpWorld.EVENTS;
import static dev.authmd.core.http.HttpWorld.IDENTITY;
import static dev.authmd.core.http.HttpWorld.JWKS;
import static dev.authmd.core.http.HttpWorld.NOW;
import static dev.authmd.core.http.HttpWorld.PROVIDER;
import static dev.authmd.core.http.HttpWorld.RESOURCE;
import static dev.authmd.core.http.HttpWorld.TOKEN;
import static dev.authmd.core.http.HttpWorld.TOKEN_REVOKE;
import static dev.authmd.core.http.HttpWorld.fieldNames;
import static dev.authmd.core.http.HttpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.provider.SecurityEventMinter;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbage fed to every endpoint of the current profile: each case answers its exact status, code and envelope, and
 * nothing is stored, issued or sent — no registration, assertion, token or refresh token, no mail, no outbound fetch.
 * The per-IP rate-limit counter is the one write a request that passed the {@code type} check may leave (current
 * profile §11 charges it once the body parses); it is allowed and nothing else.
 */
class CurrentProfileGarbageTest {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final ProviderKeys STRANGER = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

    private final HttpWorld world = HttpWorld.standard();

    /** An assertion this service really issued, for cases that tamper with its request around it. */
    private String assertion;

    @BeforeEach
    void register() {
        HttpResponse response = world.postJson(IDENTITY, "{\"type\":\"anonymous\"}");
        assertion = json(response).at("/identity/assertion").asText();
        world.resetRecords();
    }

    private void assertNothingStored() {
        assertThat(world.stores.writes().keySet())
                .as("store writes besides the per-IP counter")
                .allMatch(name -> name.startsWith("rateLimits."));
        assertThat(world.mails).isEmpty();
        assertThat(world.fetcher.total()).as("outbound fetches").isZero();
    }

    private static void assertIdentityError(HttpResponse response, int status, String code) {
        ObjectNode body = json(response);
        assertThat(response.status()).as("status of " + body).isEqualTo(status);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(fieldNames(body)).startsWith("error", "error_description", "message");
        assertThat(body.get("message").asText())
                .isEqualTo(body.get("error_description").asText());
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.header("Pragma")).contains("no-cache");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .doesNotContain("Exception")
                .doesNotContain("at dev.");
    }

    private static void assertOAuthError(HttpResponse response, String code) {
        ObjectNode body = json(response);
        assertThat(response.status()).as("status of " + body).isEqualTo(400);
        assertThat(fieldNames(body)).containsExactly("error", "error_description");
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    // --- methods -------------------------------------------------------------------------------

    static Stream<Arguments> wrongMethods() {
        List<Arguments> cases = new ArrayList<>();
        for (String path : List.of(IDENTITY, TOKEN, TOKEN_REVOKE, EVENTS)) {
            for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "PATCH")) {
                cases.add(arguments(path, method, "POST"));
            }
        }
        for (String method : List.of("POST", "PUT", "DELETE")) {
            cases.add(arguments(JWKS, method, "GET, HEAD"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("wrongMethods")
    void handleWhenWrongMethodThen405WithAllow(String path, String method, String allow) {
        HttpResponse response = world.handle(HttpRequest.builder(method, path)
                .header("Content-Type", "application/json")
                .body("{\"type\":\"anonymous\"}")
                .build());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains(allow);
        assertNothingStored();
    }

    // --- identity endpoint: shape ---------------------------------------------------------------

    static Stream<Arguments> identityShapes() {
        byte[] latin1 = "{\"type\":\"anonym\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                arguments("no content type", null, "{\"type\":\"anonymous\"}".getBytes(StandardCharsets.UTF_8)),
                arguments("text/plain", "text/plain", bytes("{\"type\":\"anonymous\"}")),
                arguments("form", "application/x-www-form-urlencoded", bytes("type=anonymous")),
                arguments("latin-1 charset", "application/json; charset=iso-8859-1", bytes("{\"type\":\"anonymous\"}")),
                arguments("empty body", "application/json", bytes("")),
                arguments("null", "application/json", bytes("null")),
                arguments("array", "application/json", bytes("[]")),
                arguments("number", "application/json", bytes("1")),
                arguments("string", "application/json", bytes("\"anonymous\"")),
                arguments("truncated", "application/json", bytes("{\"type\":")),
                arguments("trailing data", "application/json", bytes("{\"type\":\"anonymous\"} x")),
                arguments("duplicate type", "application/json", bytes("{\"type\":\"anonymous\",\"type\":\"refresh\"}")),
                arguments("invalid UTF-8", "application/json", latin1),
                arguments("no type", "application/json", bytes("{}")),
                arguments("null type", "application/json", bytes("{\"type\":null}")),
                arguments("numeric type", "application/json", bytes("{\"type\":1}")),
                arguments("object type", "application/json", bytes("{\"type\":{}}")),
                arguments("capitalised type", "application/json", bytes("{\"type\":\"Anonymous\"}")),
                arguments("unknown type", "application/json", bytes("{\"type\":\"password\"}")),
                arguments("v0.1 verified_email", "application/json", bytes("{\"type\":\"verified_email\"}")),
                arguments("padded type", "application/json", bytes("{\"type\":\" anonymous\"}")),
                arguments("oversized", "application/json", oversized()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identityShapes")
    void identityWhenBodyMalformedThenInvalidRequestAndNothingCharged(String name, String contentType, byte[] body) {
        HttpResponse response = world.post(IDENTITY, contentType, body);

        assertIdentityError(response, 400, "invalid_request");
        assertThat(world.stores.writes()).isEmpty();
    }

    // --- identity endpoint: members of a known type ---------------------------------------------

    static Stream<Arguments> identityMembers() {
        return Stream.of(
                arguments("no assertion_type", "{\"type\":\"identity_assertion\",\"assertion\":\"a.b.c\"}"),
                arguments(
                        "v0.1 verified_email assertion type",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":\"verified_email\","
                                + "\"assertion\":\"a@example.com\"}"),
                arguments(
                        "jwt-bearer as assertion type",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":\"" + JWT_BEARER
                                + "\",\"assertion\":\"a.b.c\"}"),
                arguments(
                        "no assertion",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\"urn:ietf:params:oauth:token-type:id-jag\"}"),
                arguments(
                        "numeric assertion",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\"urn:ietf:params:oauth:token-type:id-jag\",\"assertion\":7}"),
                arguments(
                        "empty assertion",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\"urn:ietf:params:oauth:token-type:id-jag\",\"assertion\":\"\"}"),
                arguments("no refresh_token", "{\"type\":\"refresh\"}"),
                arguments("numeric refresh_token", "{\"type\":\"refresh\",\"refresh_token\":1}"),
                arguments("array refresh_token", "{\"type\":\"refresh\",\"refresh_token\":[\"art_x\"]}"),
                arguments("empty refresh_token", "{\"type\":\"refresh\",\"refresh_token\":\"\"}"),
                arguments("null refresh_token", "{\"type\":\"refresh\",\"refresh_token\":null}"),
                arguments("object refresh_token", "{\"type\":\"refresh\",\"refresh_token\":{}}"),
                arguments(
                        "boolean assertion",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\"urn:ietf:params:oauth:token-type:id-jag\",\"assertion\":true}"),
                arguments(
                        "numeric assertion_type",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":1," + "\"assertion\":\"a.b.c\"}"),
                arguments(
                        "assertion_type with a space",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\" urn:ietf:params:oauth:token-type:id-jag\",\"assertion\":\"a.b.c\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identityMembers")
    void identityWhenMembersWrongThenInvalidRequestAndOnlyThePerIpBudgetCharged(String name, String body) {
        HttpResponse response = world.postJson(IDENTITY, body);

        assertIdentityError(response, 400, "invalid_request");
        assertNothingStored();
    }

    @Test
    void identityWhenServiceAuthThenDisabledUntilTheClaimCeremonyIsServed() {
        HttpResponse response =
                world.postJson(IDENTITY, "{\"type\":\"service_auth\",\"login_hint\":\"ada@example.com\"}");

        assertIdentityError(response, 400, "service_auth_registration_disabled");
        assertNothingStored();
    }

    @Test
    void identityWhenAnonymousDisabledThenAnonymousRegistrationDisabled() {
        HttpWorld off = HttpWorld.with(c -> c.anonymousEnabled(false));

        HttpResponse response = off.postJson(IDENTITY, "{\"type\":\"anonymous\"}");

        assertIdentityError(response, 400, "anonymous_registration_disabled");
        assertThat(off.stores.writes().keySet()).allMatch(n -> n.startsWith("rateLimits."));
    }

    @Test
    void identityWhenIdJagDisabledThenIssuerNotEnabledBeforeTheMembersAreRead() {
        HttpWorld off = HttpWorld.with(c -> c.idJagEnabled(false));

        HttpResponse response = off.postJson(IDENTITY, "{\"type\":\"identity_assertion\"}");

        assertIdentityError(response, 400, "issuer_not_enabled");
    }

    @Test
    void identityWhenRefreshTokenUnknownThenInvalidRefreshToken() {
        HttpResponse response = world.postJson(IDENTITY, "{\"type\":\"refresh\",\"refresh_token\":\"art_nope\"}");

        assertIdentityError(response, 400, "invalid_refresh_token");
        assertNothingStored();
    }

    // --- identity endpoint: ID-JAGs the verifier refuses ----------------------------------------

    static Stream<Arguments> badIdJags() {
        Function<HttpWorld, IdJagMinter> fresh = w -> w.idJag().authTime(NOW.minusSeconds(60));
        return Stream.of(
                arguments("not a JWS", (Function<HttpWorld, String>) w -> "garbage", "invalid_request", "malformed"),
                arguments("two parts", (Function<HttpWorld, String>) w -> "a.b", "invalid_request", "malformed"),
                arguments(
                        "typ JWT",
                        (Function<HttpWorld, String>)
                                w -> fresh.apply(w).type("JWT").mint(),
                        "invalid_request",
                        "invalid_type"),
                arguments(
                        "untrusted issuer",
                        (Function<HttpWorld, String>) w ->
                                fresh.apply(w).issuer("https://evil.example").mint(),
                        "issuer_not_enabled",
                        null),
                arguments(
                        "key not in the JWKS",
                        (Function<HttpWorld, String>) w -> IdJagMinter.builder(STRANGER)
                                .issuer(PROVIDER)
                                .subject("user-1")
                                .audience(RESOURCE)
                                .email("a@example.com")
                                .emailVerified(true)
                                .authTime(NOW)
                                .issuedAt(NOW)
                                .jti("j-stranger")
                                .mint(),
                        "invalid_request",
                        "invalid_signature"),
                arguments(
                        "wrong audience",
                        (Function<HttpWorld, String>) w ->
                                fresh.apply(w).audience("https://other.example").mint(),
                        "invalid_request",
                        "invalid_audience"),
                arguments(
                        "expired",
                        (Function<HttpWorld, String>) w -> fresh.apply(w)
                                .issuedAt(NOW.minusSeconds(900))
                                .lifetime(Duration.ofMinutes(5))
                                .mint(),
                        "invalid_request",
                        "expired"),
                arguments(
                        "no jti",
                        (Function<HttpWorld, String>)
                                w -> fresh.apply(w).withoutClaim("jti").mint(),
                        "invalid_request",
                        "missing_claim"),
                arguments(
                        "no sub",
                        (Function<HttpWorld, String>)
                                w -> fresh.apply(w).withoutClaim("sub").mint(),
                        "invalid_request",
                        "missing_claim"),
                arguments(
                        "key-bound (cnf)",
                        (Function<HttpWorld, String>) w ->
                                fresh.apply(w).claim("cnf", Map.of("jkt", "x")).mint(),
                        "invalid_request",
                        "unsupported_cnf"),
                arguments(
                        "foreign client_id",
                        (Function<HttpWorld, String>) w -> fresh.apply(w)
                                .clientId("https://other-client.example")
                                .mint(),
                        "invalid_request",
                        "invalid_client_id"),
                arguments(
                        "resource of another API",
                        (Function<HttpWorld, String>) w -> fresh.apply(w)
                                .resource("https://other-api.example")
                                .mint(),
                        "invalid_request",
                        "invalid_target"),
                arguments(
                        "no verified email or phone",
                        (Function<HttpWorld, String>)
                                w -> fresh.apply(w).emailVerified(false).mint(),
                        "invalid_request",
                        "missing_verified_email"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badIdJags")
    void identityWhenIdJagRefusedThenCodeAndReasonAndNothingRegistered(
            String name, Function<HttpWorld, String> assertion, String code, String reason) {
        HttpResponse response = world.postJson(IDENTITY, idJagBody(assertion.apply(world)));

        assertIdentityError(response, 400, code);
        if (reason != null) {
            assertThat(json(response).get("reason").asText()).isEqualTo(reason);
        }
        assertThat(world.stores.writes())
                .doesNotContainKeys(
                        "registrations.insert", "delegations.insert", "assertions.insert", "accessTokens.insert");
        assertThat(world.fetcher.total()).isZero();
    }

    @Test
    void identityWhenIdJagReplayedThenReplayDetected() {
        String jag = world.idJag().authTime(NOW.minusSeconds(60)).mint();
        assertThat(world.postJson(IDENTITY, idJagBody(jag)).status()).isEqualTo(200);
        world.resetRecords();

        HttpResponse again = world.postJson(IDENTITY, idJagBody(jag));

        assertIdentityError(again, 400, "invalid_request");
        assertThat(json(again).get("reason").asText()).isEqualTo("replay_detected");
        // the replay cache refused the second mark: it was asked, and nothing was added
        assertThat(world.stores.writes().keySet())
                .allMatch(write -> write.startsWith("rateLimits.") || write.startsWith("replay."));
    }

    @Test
    void identityWhenAuthTimeInTheFutureThenLoginRequired() {
        HttpResponse response = world.postJson(
                IDENTITY, idJagBody(world.idJag().authTime(NOW.plusSeconds(600)).mint()));

        assertIdentityError(response, 401, "login_required");
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("AgentAuth "));
    }

    // --- token endpoint --------------------------------------------------------------------------

    static Stream<Arguments> tokenForms() {
        return Stream.of(
                arguments(
                        "json body", "application/json", "{\"grant_type\":\"" + JWT_BEARER + "\"}", "invalid_request"),
                arguments("no content type", null, "grant_type=x", "invalid_request"),
                arguments(
                        "latin-1 form",
                        "application/x-www-form-urlencoded; charset=iso-8859-1",
                        "a=b",
                        "invalid_request"),
                arguments("broken escape", "application/x-www-form-urlencoded", "grant_type=%zz", "invalid_request"),
                arguments("short escape", "application/x-www-form-urlencoded", "grant_type=%2", "invalid_request"),
                arguments("invalid UTF-8", "application/x-www-form-urlencoded", "grant_type=%e9", "invalid_request"),
                arguments("empty", "application/x-www-form-urlencoded", "", "invalid_request"),
                arguments("no grant_type", "application/x-www-form-urlencoded", "assertion=a.b.c", "invalid_request"),
                arguments("empty grant_type", "application/x-www-form-urlencoded", "grant_type=", "invalid_request"),
                arguments(
                        "grant_type twice",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&grant_type=" + enc(JWT_BEARER) + "&assertion=x",
                        "invalid_request"),
                arguments(
                        "assertion twice",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=a&assertion=b",
                        "invalid_request"),
                arguments(
                        "resource twice",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=a&resource=" + enc(RESOURCE) + "&resource="
                                + enc(RESOURCE),
                        "invalid_request"),
                arguments(
                        "scope twice",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=a&scope=api.read&scope=api.read",
                        "invalid_request"),
                arguments(
                        "no assertion",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER),
                        "invalid_request"),
                arguments(
                        "empty assertion",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=",
                        "invalid_request"),
                arguments(
                        "authorization_code",
                        "application/x-www-form-urlencoded",
                        "grant_type=authorization_code&code=x",
                        "unsupported_grant_type"),
                arguments(
                        "client_credentials",
                        "application/x-www-form-urlencoded",
                        "grant_type=client_credentials",
                        "unsupported_grant_type"),
                arguments(
                        "refresh_token grant",
                        "application/x-www-form-urlencoded",
                        "grant_type=refresh_token&refresh_token=art_x",
                        "unsupported_grant_type"),
                arguments(
                        "v0.4 claim grant",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc("urn:workos:agent-auth:grant-type:claim") + "&claim_token=clm_x",
                        "unsupported_grant_type"),
                arguments(
                        "token exchange",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange") + "&assertion=x",
                        "unsupported_grant_type"),
                arguments(
                        "upper-cased jwt-bearer",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER.toUpperCase(java.util.Locale.ROOT)) + "&assertion=x",
                        "unsupported_grant_type"),
                arguments(
                        "assertion not a JWS",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=garbage",
                        "invalid_grant"),
                arguments(
                        "assertion two parts",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=a.b",
                        "invalid_grant"),
                arguments(
                        "assertion of three empty parts",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=..",
                        "invalid_grant"),
                arguments(
                        "alg none",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion="
                                + "eyJhbGciOiJub25lIiwidHlwIjoib2F1dGgtaWQtamFnK2p3dCJ9."
                                + "eyJpc3MiOiJodHRwczovL2FwaS5leGFtcGxlLmNvbSIsInN1YiI6InJlZ194In0.",
                        "invalid_grant"),
                arguments(
                        "assertion over 16 KiB",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=" + "a".repeat(8 * 1024) + "."
                                + "b".repeat(8 * 1024) + ".c",
                        "invalid_grant"),
                arguments(
                        "body over the limit",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=" + "a".repeat(70_000),
                        "invalid_request"),
                arguments("a bare ampersand soup", "application/x-www-form-urlencoded", "&&&=&=", "invalid_request"),
                arguments(
                        "grant_type with a trailing space",
                        "application/x-www-form-urlencoded",
                        "grant_type=" + enc(JWT_BEARER + " ") + "&assertion=x",
                        "unsupported_grant_type"),
                arguments(
                        "two content types in one",
                        "application/x-www-form-urlencoded, application/json",
                        "grant_type=" + enc(JWT_BEARER) + "&assertion=x",
                        "invalid_request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenForms")
    void tokenWhenFormWrongThenExactOAuthErrorAndNoToken(String name, String contentType, String form, String code) {
        HttpResponse response = world.post(TOKEN, contentType, bytes(form));

        assertOAuthError(response, code);
        assertNothingStored();
    }

    static Stream<Arguments> badExchanges() {
        return Stream.of(
                arguments("resource with trailing slash", "resource", RESOURCE + "/", "invalid_target"),
                arguments("resource over http", "resource", "http://api.example.com", "invalid_target"),
                arguments("resource of another API", "resource", "https://other.example", "invalid_target"),
                arguments("empty resource", "resource", "", "invalid_target"),
                arguments("scope beyond the grant", "scope", "api.write", "invalid_scope"),
                arguments("scope unknown", "scope", "admin", "invalid_scope"),
                arguments("scope empty", "scope", "", "invalid_scope"),
                arguments("scope double space", "scope", "api.read  api.read", "invalid_scope"),
                arguments("scope widening", "scope", "api.read api.write", "invalid_scope"),
                arguments("scope with a tab", "scope", "api.read\tapi.read", "invalid_scope"),
                arguments("scope upper-cased", "scope", "API.READ", "invalid_scope"),
                arguments("resource upper-cased host", "resource", "https://API.example.com", "invalid_target"),
                arguments("resource with a path", "resource", RESOURCE + "/v1", "invalid_target"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badExchanges")
    void tokenWhenResourceOrScopeWrongThenRefusedAndNoToken(String name, String param, String value, String code) {
        HttpResponse response = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion, param, value);

        assertOAuthError(response, code);
        assertNothingStored();
    }

    static Stream<Arguments> foreignAssertions() {
        return Stream.of(
                arguments("the provider's ID-JAG", (Function<HttpWorld, String>)
                        w -> w.idJag().authTime(NOW).mint()),
                arguments("our shape signed by a stranger", (Function<HttpWorld, String>)
                        w -> IdJagMinter.builder(STRANGER)
                                .issuer(RESOURCE)
                                .subject("reg_forged")
                                .audience(RESOURCE)
                                .issuedAt(NOW)
                                .jti("forged")
                                .mint()),
                arguments("a security event token", (Function<HttpWorld, String>)
                        w -> w.securityEvent().mint()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignAssertions")
    void tokenWhenAssertionIsNotOursThenInvalidGrant(String name, Function<HttpWorld, String> assertion) {
        HttpResponse response = world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", assertion.apply(world));

        assertOAuthError(response, "invalid_grant");
        assertNothingStored();
    }

    @Test
    void tokenWhenAssertionTamperedThenInvalidGrant() {
        String[] parts = assertion.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"", "\"sub\":\"x");
        String tampered = parts[0] + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(payload)) + "." + parts[2];

        assertOAuthError(world.postForm(TOKEN, "grant_type", JWT_BEARER, "assertion", tampered), "invalid_grant");
        assertNothingStored();
    }

    // --- revocation endpoint ---------------------------------------------------------------------

    static Stream<Arguments> revokeForms() {
        return Stream.of(
                arguments("json", "application/json", "{\"token\":\"x\"}"),
                arguments("no content type", null, "token=x"),
                arguments("broken escape", "application/x-www-form-urlencoded", "token=%g1"),
                arguments("invalid UTF-8", "application/x-www-form-urlencoded", "token=%ff"),
                arguments("no token", "application/x-www-form-urlencoded", "token_type_hint=access_token"),
                arguments("empty token", "application/x-www-form-urlencoded", "token="),
                arguments("two tokens", "application/x-www-form-urlencoded", "token=a&token=b"),
                arguments("empty body", "application/x-www-form-urlencoded", ""),
                arguments("latin-1 form", "application/x-www-form-urlencoded; charset=latin1", "token=x"),
                arguments("token name only", "application/x-www-form-urlencoded", "token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revokeForms")
    void revokeWhenFormWrongThenInvalidRequestAndNothingRevoked(String name, String contentType, String form) {
        HttpResponse response = world.post(TOKEN_REVOKE, contentType, bytes(form));

        assertOAuthError(response, "invalid_request");
        assertThat(world.stores.writes()).isEmpty();
    }

    // --- events endpoint -------------------------------------------------------------------------

    static Stream<Arguments> badEvents() {
        Function<HttpWorld, SecurityEventMinter> fresh = HttpWorld::securityEvent;
        return Stream.of(
                arguments(
                        "json content type",
                        "application/json",
                        (Function<HttpWorld, String>) w -> fresh.apply(w).mint(),
                        "invalid_request"),
                arguments(
                        "jwt content type",
                        "application/jwt",
                        (Function<HttpWorld, String>) w -> fresh.apply(w).mint(),
                        "invalid_request"),
                arguments(
                        "no content type",
                        null,
                        (Function<HttpWorld, String>) w -> fresh.apply(w).mint(),
                        "invalid_request"),
                arguments(
                        "empty", "application/secevent+jwt", (Function<HttpWorld, String>) w -> "", "invalid_request"),
                arguments(
                        "not a JWS",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>) w -> "garbage",
                        "invalid_request"),
                arguments(
                        "untrusted issuer",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>) w ->
                                fresh.apply(w).issuer("https://evil.example").mint(),
                        "invalid_issuer"),
                arguments(
                        "typ logout+jwt",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>)
                                w -> fresh.apply(w).type("logout+jwt").mint(),
                        "invalid_request"),
                arguments(
                        "unknown key",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>) w -> SecurityEventMinter.builder(STRANGER)
                                .issuer(PROVIDER)
                                .subject("user-1")
                                .audience(RESOURCE)
                                .issuedAt(NOW)
                                .jti("j-s")
                                .mint(),
                        "invalid_key"),
                arguments(
                        "wrong audience",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>) w ->
                                fresh.apply(w).audience("https://other.example").mint(),
                        "invalid_audience"),
                arguments(
                        "issued an hour ago",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>) w ->
                                fresh.apply(w).issuedAt(NOW.minusSeconds(3600)).mint(),
                        "invalid_request"),
                arguments(
                        "no jti",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>)
                                w -> fresh.apply(w).withoutClaim("jti").mint(),
                        "invalid_request"),
                arguments(
                        "no events",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>)
                                w -> fresh.apply(w).withoutClaim("events").mint(),
                        "invalid_request"),
                arguments(
                        "oversized",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>) w -> "a".repeat(70_000),
                        "invalid_request"),
                arguments(
                        "an ID-JAG instead of a SET",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>)
                                w -> w.idJag().authTime(NOW).mint(),
                        "invalid_request"),
                arguments(
                        "issued in the future",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>) w ->
                                fresh.apply(w).issuedAt(NOW.plusSeconds(600)).mint(),
                        "invalid_request"),
                arguments(
                        "two audiences",
                        "application/secevent+jwt",
                        (Function<HttpWorld, String>) w -> fresh.apply(w)
                                .claim("aud", List.of(RESOURCE, "https://other.example"))
                                .mint(),
                        "invalid_audience"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void eventWhenRefusedThen400ErrAndNothingRevoked(
            String name, String contentType, Function<HttpWorld, String> token, String err) {
        HttpResponse response = world.post(EVENTS, contentType, bytes(token.apply(world)));

        ObjectNode body = json(response);
        assertThat(response.status()).as(body.toString()).isEqualTo(400);
        assertThat(fieldNames(body)).containsExactly("err", "description");
        assertThat(body.get("err").asText()).isEqualTo(err);
        assertThat(world.stores.writes()).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] oversized() {
        return bytes("{\"type\":\"anonymous\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}");
    }
}
