package dev.authmd.core.http;

import static dev.authmd.core.http.HttpWorld.CHALLENGE;
import static dev.authmd.core.http.HttpWorld.CLAIM;
import static dev.authmd.core.http.HttpWorld.COMPLETE;
import static dev.authmd.core.http.HttpWorld.REGISTER;
import static dev.authmd.core.http.HttpWorld.REVOKE;
import static dev.authmd.core.http.HttpWorld.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 4 "Failure behaviour": every POST endpoint fed garbage answers the exact status and code of
 * docs/protocol.md#v01-3 (§3–§7) with {@code {error, message}} only and {@code Cache-Control: no-store}, and changes
 * nothing: no store write, no mail, no outbound fetch.
 */
class EndpointGarbageTest {

    private static final int LIMIT = 64 * 1024;

    /** A JSON endpoint, a body it would accept, and its required string members. */
    private record JsonEndpoint(String path, String validBody, List<String> requiredStrings) {
        @Override
        public String toString() {
            return path;
        }
    }

    private static final List<JsonEndpoint> JSON_ENDPOINTS = List.of(
            new JsonEndpoint(REGISTER, "{\"type\":\"anonymous\"}", List.of("type")),
            new JsonEndpoint(
                    CLAIM,
                    "{\"claim_token\":\"clm_unknown\",\"email\":\"a@example.com\"}",
                    List.of("claim_token", "email")),
            new JsonEndpoint(CHALLENGE, "{\"claim_attempt_token\":\"cvt_unknown\"}", List.of("claim_attempt_token")),
            new JsonEndpoint(
                    COMPLETE, "{\"claim_token\":\"clm_unknown\",\"otp\":\"123456\"}", List.of("claim_token", "otp")));

    private final HttpWorld world = HttpWorld.standard();

    // --- every POST endpoint --------------------------------------------------------------------

    static Stream<Arguments> wrongMethods() {
        List<Arguments> cases = new ArrayList<>();
        for (String path : List.of(REGISTER, CLAIM, CHALLENGE, COMPLETE, REVOKE)) {
            for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                cases.add(arguments(path, method));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("wrongMethods")
    void handleWhenWrongMethodThen405WithAllowPost(String path, String method) {
        HttpResponse response = world.handle(HttpRequest.builder(method, path)
                .header("Content-Type", "application/json")
                .body("{\"type\":\"anonymous\"}")
                .build());

        assertError(response, ProtocolError.METHOD_NOT_ALLOWED);
        assertThat(response.header("Allow")).contains("POST");
        world.assertUntouched();
    }

    static Stream<Arguments> jsonGarbage() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonEndpoint endpoint : JSON_ENDPOINTS) {
            byte[] valid = endpoint.validBody().getBytes(StandardCharsets.UTF_8);
            // content type
            cases.add(arguments(endpoint, "no Content-Type", null, valid));
            cases.add(arguments(endpoint, "text/plain", "text/plain", valid));
            cases.add(arguments(endpoint, "form", "application/x-www-form-urlencoded", valid));
            cases.add(arguments(endpoint, "logout+jwt", "application/logout+jwt", valid));
            cases.add(arguments(endpoint, "json suffix type", "application/merge-patch+json", valid));
            cases.add(arguments(endpoint, "prefix lookalike", "application/jsonx", valid));
            cases.add(arguments(endpoint, "two types", "application/json, text/plain", valid));
            cases.add(arguments(endpoint, "empty Content-Type", "", valid));
            // charset
            cases.add(arguments(endpoint, "latin-1", "application/json; charset=iso-8859-1", valid));
            cases.add(arguments(endpoint, "utf-16", "application/json; charset=utf-16", valid));
            cases.add(arguments(endpoint, "empty charset", "application/json; charset=", valid));
            // body shape
            cases.add(arguments(endpoint, "empty body", "application/json", new byte[0]));
            cases.add(arguments(endpoint, "whitespace", "application/json", bytes("  \n ")));
            cases.add(arguments(endpoint, "truncated", "application/json", bytes("{\"type\":")));
            cases.add(arguments(endpoint, "bare word", "application/json", bytes("anonymous")));
            cases.add(arguments(endpoint, "trailing data", "application/json", bytes(endpoint.validBody() + " {}")));
            cases.add(arguments(
                    endpoint, "two objects", "application/json", bytes(endpoint.validBody() + endpoint.validBody())));
            cases.add(arguments(endpoint, "comment", "application/json", bytes("/* hi */" + endpoint.validBody())));
            cases.add(arguments(endpoint, "array", "application/json", bytes("[" + endpoint.validBody() + "]")));
            cases.add(arguments(endpoint, "empty array", "application/json", bytes("[]")));
            cases.add(arguments(endpoint, "string", "application/json", bytes("\"anonymous\"")));
            cases.add(arguments(endpoint, "number", "application/json", bytes("42")));
            cases.add(arguments(endpoint, "null", "application/json", bytes("null")));
            cases.add(arguments(endpoint, "empty object", "application/json", bytes("{}")));
            cases.add(arguments(endpoint, "invalid UTF-8", "application/json", new byte[] {
                '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
            }));
            cases.add(arguments(
                    endpoint,
                    "UTF-16 body",
                    "application/json",
                    endpoint.validBody().getBytes(StandardCharsets.UTF_16)));
            cases.add(arguments(
                    endpoint,
                    "deep nesting",
                    "application/json",
                    bytes("{\"x\":" + "[".repeat(500) + "]".repeat(500) + "}")));
            cases.add(arguments(endpoint, "oversized", "application/json", padded(endpoint.validBody(), LIMIT + 1)));
            // fields
            String first = endpoint.requiredStrings().get(0);
            cases.add(arguments(
                    endpoint,
                    "duplicate key",
                    "application/json",
                    bytes(endpoint.validBody().replaceFirst("\\{", "{\"" + first + "\":\"x\","))));
            for (String field : endpoint.requiredStrings()) {
                cases.add(arguments(
                        endpoint, field + " missing", "application/json", bytes(without(endpoint.validBody(), field))));
                for (String wrong : List.of("42", "true", "null", "{}", "[\"x\"]", "\"\"", "1.5e3")) {
                    cases.add(arguments(
                            endpoint,
                            field + "=" + wrong,
                            "application/json",
                            bytes(replaced(endpoint.validBody(), field, wrong))));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("jsonGarbage")
    void postWhenGarbageThen400InvalidRequestAndNothingChanged(
            JsonEndpoint endpoint, String label, String contentType, byte[] body) {
        HttpResponse response = world.post(endpoint.path(), contentType, body);

        assertError(response, ProtocolError.INVALID_REQUEST);
        world.assertUntouched();
        assertThat(world.events).as("audit events").isEmpty();
    }

    @Test
    void postWhenBodyExactlyAtLimitThenAccepted() {
        HttpResponse response = world.post(REGISTER, "application/json", padded("{\"type\":\"anonymous\"}", LIMIT));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void postWhenBodyOneOverTheLimitThenRefusedBeforeAnythingHappens() {
        HttpResponse response = world.post(REGISTER, "application/json", padded("{\"type\":\"anonymous\"}", LIMIT + 1));

        assertError(response, ProtocolError.INVALID_REQUEST);
        world.assertUntouched();
    }

    @Test
    void postWhenLimitConfiguredSmallerThenThatLimitApplies() {
        HttpWorld small = HttpWorld.with(b -> b.maxRequestBodyBytes(2048));

        assertError(
                small.post(REGISTER, "application/json", padded("{\"type\":\"anonymous\"}", 2049)),
                ProtocolError.INVALID_REQUEST);
        assertThat(small.post(REGISTER, "application/json", padded("{\"type\":\"anonymous\"}", 2048))
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8",
                "APPLICATION/JSON; CHARSET=\"utf-8\"",
                "application/json; foo=bar"
            })
    void postWhenJsonContentTypeVariantThenBodyIsRead(String contentType) {
        HttpResponse response =
                world.post(CLAIM, contentType, bytes("{\"claim_token\":\"clm_unknown\",\"email\":\"a@example.com\"}"));

        assertError(response, ProtocolError.INVALID_CLAIM_TOKEN);
    }

    @Test
    void postWhenUnknownMembersThenIgnored() {
        HttpResponse response = world.postJson(
                CLAIM, "{\"claim_token\":\"clm_unknown\",\"email\":\"a@example.com\",\"extra\":{\"x\":[1,2]}}");

        assertError(response, ProtocolError.INVALID_CLAIM_TOKEN);
    }

    // --- register specifics -------------------------------------------------------------------

    static Stream<Arguments> registerGarbage() {
        return Stream.of(
                arguments("unknown type", "{\"type\":\"bogus\"}", ProtocolError.INVALID_REQUEST),
                arguments("type in other case", "{\"type\":\"Anonymous\"}", ProtocolError.INVALID_REQUEST),
                arguments("type padded", "{\"type\":\" anonymous\"}", ProtocolError.INVALID_REQUEST),
                arguments(
                        "unknown type with unknown credential type",
                        "{\"type\":\"bogus\",\"requested_credential_type\":\"bogus\"}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "unknown assertion_type",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":\"saml\",\"assertion\":\"x\"}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "assertion_type missing",
                        "{\"type\":\"identity_assertion\",\"assertion\":\"x\"}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "assertion_type number",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":1,\"assertion\":\"x\"}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "assertion missing",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":\"verified_email\"}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "assertion number",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":\"verified_email\",\"assertion\":7}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "assertion object",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\"urn:ietf:params:oauth:token-type:id-jag\",\"assertion\":{\"alg\":\"none\"}}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "requested_credential_type number",
                        "{\"type\":\"anonymous\",\"requested_credential_type\":1}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "requested_credential_type array",
                        "{\"type\":\"anonymous\",\"requested_credential_type\":[\"api_key\"]}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "unknown requested_credential_type",
                        "{\"type\":\"anonymous\",\"requested_credential_type\":\"refresh_token\"}",
                        ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE),
                arguments(
                        "empty requested_credential_type",
                        "{\"type\":\"anonymous\",\"requested_credential_type\":\"\"}",
                        ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE),
                arguments(
                        "credential type not offered for anonymous",
                        "{\"type\":\"anonymous\",\"requested_credential_type\":\"access_token\"}",
                        ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE),
                arguments(
                        "unknown credential type for email",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\"verified_email\",\"assertion\":\"a@example.com\",\"requested_credential_type\":\"jwt\"}",
                        ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE),
                arguments(
                        "unknown credential type for id-jag",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\"urn:ietf:params:oauth:token-type:id-jag\",\"assertion\":\"x.y.z\","
                                + "\"requested_credential_type\":\"jwt\"}",
                        ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE),
                arguments(
                        "not an email",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":\"verified_email\","
                                + "\"assertion\":\"not-an-email\"}",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "email with a header break",
                        "{\"type\":\"identity_assertion\",\"assertion_type\":"
                                + "\"verified_email\",\"assertion\":\"a@example.com\\r\\nBcc: b@example.com\"}",
                        ProtocolError.INVALID_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registerGarbage")
    void registerWhenBadRequestThenExactCodeAndNothingChanged(String label, String body, ProtocolError expected) {
        assertError(world.postJson(REGISTER, body), expected);
        world.assertUntouched();
        assertThat(world.events).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not-a-jwt", "a.b.c", "eyJhbGciOiJub25lIn0.e30."})
    void registerWhenIdJagMalformedThenInvalidRequestAndNothingStored(String assertion) {
        HttpResponse response = world.postJson(
                REGISTER,
                "{\"type\":\"identity_assertion\",\"assertion_type\":"
                        + "\"urn:ietf:params:oauth:token-type:id-jag\",\"assertion\":\"" + assertion + "\"}");

        assertThat(HttpWorld.json(response).get("error").asText())
                .isIn(ProtocolError.INVALID_REQUEST.code(), ProtocolError.INVALID_SIGNATURE.code());
        assertError(
                response,
                ProtocolError.fromCode(HttpWorld.json(response).get("error").asText())
                        .orElseThrow());
        assertThat(world.stores.writes())
                .doesNotContainKeys(
                        "registrations.insert", "credentials.insert", "delegations.insert", "replay.markUsed");
        assertThat(world.mails).isEmpty();
    }

    @Test
    void registerWhenIdJagFromUnknownIssuerThenInvalidIssuerWithoutFetching() {
        String token = dev.authmd.core.provider.IdJagMinter.builder(dev.authmd.core.provider.ProviderKeys.generate(
                        dev.authmd.core.provider.ProviderKeys.KeyType.EC_P256))
                .issuer("https://stranger.example")
                .subject("s")
                .audience(HttpWorld.RESOURCE)
                .email("x@example.com")
                .emailVerified(true)
                .issuedAt(HttpWorld.NOW)
                .jti("j-1")
                .mint();

        assertError(world.postJson(REGISTER, idJagBody(token, null)), ProtocolError.INVALID_ISSUER);
        assertThat(world.fetcher.total()).isZero();
        assertThat(world.stores.writes())
                .doesNotContainKeys(
                        "registrations.insert", "credentials.insert", "delegations.insert", "replay.markUsed");
    }

    static Stream<Arguments> disabledMethods() {
        String email = "{\"type\":\"identity_assertion\",\"assertion_type\":\"verified_email\","
                + "\"assertion\":\"a@example.com\"%s}";
        String jag = "{\"type\":\"identity_assertion\",\"assertion_type\":\"urn:ietf:params:oauth:token-type:id-jag\","
                + "\"assertion\":\"x.y.z\"%s}";
        String anonymous = "{\"type\":\"anonymous\"%s}";
        List<Arguments> cases = new ArrayList<>();
        for (String extra : List.of("", ",\"requested_credential_type\":\"bogus\"")) {
            cases.add(arguments("anonymous" + extra, anonymous.formatted(extra), ProtocolError.ANONYMOUS_NOT_ENABLED));
            cases.add(arguments(
                    "verified_email" + extra, email.formatted(extra), ProtocolError.VERIFIED_EMAIL_NOT_ENABLED));
            cases.add(arguments("id-jag" + extra, jag.formatted(extra), ProtocolError.INVALID_ISSUER));
        }
        cases.add(arguments(
                "anonymous offered no access token",
                anonymous.formatted(",\"requested_credential_type\":\"access_token\""),
                ProtocolError.ANONYMOUS_NOT_ENABLED));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("disabledMethods")
    void registerWhenMethodDisabledThenItsCodeAndNothingChanged(String label, String body, ProtocolError expected) {
        HttpWorld off = HttpWorld.with(b -> switch (expected) {
            case ANONYMOUS_NOT_ENABLED -> b.anonymousEnabled(false);
            case VERIFIED_EMAIL_NOT_ENABLED -> b.verifiedEmailEnabled(false);
            default -> b.idJagEnabled(false);
        });

        assertError(off.postJson(REGISTER, body), expected);
        off.assertUntouched();
        assertThat(off.events).isEmpty();
    }

    @Test
    void registerWhenIdentityTypeNotOfferedThenUnsupportedCredentialType() {
        HttpWorld keysOnly =
                HttpWorld.with(b -> b.identityCredentialTypes(List.of(dev.authmd.spi.store.CredentialType.API_KEY)));

        assertError(
                keysOnly.postJson(
                        REGISTER,
                        "{\"type\":\"identity_assertion\",\"assertion_type\":\"verified_email\","
                                + "\"assertion\":\"a@example.com\",\"requested_credential_type\":\"access_token\"}"),
                ProtocolError.UNSUPPORTED_CREDENTIAL_TYPE);
        keysOnly.assertUntouched();
    }

    // --- revocation ---------------------------------------------------------------------------

    static Stream<Arguments> revocationGarbage() {
        String token = HttpWorld.standard().logoutToken().mint();
        return Stream.of(
                arguments("no Content-Type", null, bytes(token)),
                arguments("json", "application/json", bytes("{\"logout_token\":\"" + token + "\"}")),
                arguments("text/plain", "text/plain", bytes(token)),
                arguments("empty jwt body", "application/logout+jwt", new byte[0]),
                arguments("whitespace jwt body", "application/logout+jwt", bytes("  ")),
                arguments("empty form", "application/x-www-form-urlencoded", new byte[0]),
                arguments("form without logout_token", "application/x-www-form-urlencoded", bytes("token=" + token)),
                arguments(
                        "form with two tokens",
                        "application/x-www-form-urlencoded",
                        bytes("logout_token=" + token + "&logout_token=" + token)),
                arguments("form bad escape", "application/x-www-form-urlencoded", bytes("logout_token=%zz")),
                arguments("garbage jwt", "application/logout+jwt", bytes("not-a-jwt")),
                arguments("oversized", "application/logout+jwt", padded(token, LIMIT + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revocationGarbage")
    void revokeWhenGarbageThen400InvalidRequestAndNothingChanged(String label, String contentType, byte[] body) {
        HttpResponse response = world.post(REVOKE, contentType, body);

        assertError(response, ProtocolError.INVALID_REQUEST);
        world.assertUntouched();
    }

    // --- helpers ------------------------------------------------------------------------------

    static String idJagBody(String token, String credentialType) {
        return "{\"type\":\"identity_assertion\",\"assertion_type\":\"urn:ietf:params:oauth:token-type:id-jag\","
                + "\"assertion\":\"" + token + "\""
                + (credentialType == null ? "" : ",\"requested_credential_type\":\"" + credentialType + "\"") + "}";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return {@code json} with a {@code pad} member (or, for non-JSON, trailing spaces) making it exactly {@code size}
     *     bytes
     */
    private static byte[] padded(String json, int size) {
        if (!json.startsWith("{")) {
            return bytes(json + " ".repeat(size - bytes(json).length));
        }
        String prefix = "{\"pad\":\"";
        String suffix = "\"," + json.substring(1);
        int fill = size - bytes(prefix).length - bytes(suffix).length;
        byte[] out = bytes(prefix + "x".repeat(fill) + suffix);
        assertThat(out).hasSize(size);
        return out;
    }

    private static String without(String json, String field) {
        return json.replaceAll("\"" + field + "\":\"[^\"]*\",?", "").replace(",}", "}");
    }

    private static String replaced(String json, String field, String value) {
        return json.replaceAll("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":" + value);
    }
}
