package dev.authmd.core.assertion;

import static dev.authmd.core.assertion.Fixtures.AS_ISSUER;
import static dev.authmd.core.assertion.Fixtures.NOW;
import static dev.authmd.core.assertion.Fixtures.P;
import static dev.authmd.core.assertion.Fixtures.P_KEYS;
import static dev.authmd.core.testsupport.JwtForge.b64;
import static dev.authmd.core.testsupport.JwtForge.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import dev.authmd.protocol.error.ProtocolError;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/protocol.md#v01-3a: each bad token gets exactly the error code of the first step it fails. */
class IdJagNegativeCorpusTest {

    private static final JWK P_KEY = Fixtures.privateKey(P_KEYS);
    private static final JWK R_KEY = Fixtures.privateKey(Fixtures.R_KEYS);
    private static final JWK ATTACKER_KEY = Fixtures.privateKey(Fixtures.ATTACKER_KEYS);

    private static String forge(Consumer<Map<String, Object>> header, Consumer<Map<String, Object>> claims) {
        Map<String, Object> h = Fixtures.header("ES256");
        Map<String, Object> c = Fixtures.claims();
        header.accept(h);
        claims.accept(c);
        return dev.authmd.core.testsupport.JwtForge.sign(h, c, P_KEY);
    }

    private static String claims(Consumer<Map<String, Object>> claims) {
        return forge(h -> {}, claims);
    }

    private static String header(Consumer<Map<String, Object>> header) {
        return forge(header, c -> {});
    }

    private static String signedBy(JWK key, String alg, Consumer<Map<String, Object>> header) {
        Map<String, Object> h = Fixtures.header(alg);
        header.accept(h);
        return dev.authmd.core.testsupport.JwtForge.sign(h, Fixtures.claims(), key);
    }

    private static String rawSegments(String header, String payload) {
        return dev.authmd.core.testsupport.JwtForge.signRaw(header, payload, JWSAlgorithm.ES256, P_KEY);
    }

    static Stream<Arguments> corpus() {
        String valid = Fixtures.idJagFromP().mint();
        String[] parts = valid.split("\\.");
        Map<String, Object> none = Fixtures.header("none");
        none.remove("kid");
        return Stream.of(
                // --- step 1: shape and typ → invalid_request
                arguments("empty string", "", ProtocolError.INVALID_REQUEST),
                arguments("two segments (truncated)", parts[0] + "." + parts[1], ProtocolError.INVALID_REQUEST),
                arguments("one segment", parts[0], ProtocolError.INVALID_REQUEST),
                arguments("four segments", valid + ".x", ProtocolError.INVALID_REQUEST),
                arguments(
                        "JWE (five segments)",
                        parts[0] + ".ZW5j.aXY." + parts[1] + ".dGFn",
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "standard base64 '+' in payload",
                        parts[0] + "." + parts[1] + "+." + parts[2],
                        ProtocolError.INVALID_REQUEST),
                arguments("padding '='", parts[0] + "=." + parts[1] + "." + parts[2], ProtocolError.INVALID_REQUEST),
                arguments(
                        "newline inside", parts[0] + "\n." + parts[1] + "." + parts[2], ProtocolError.INVALID_REQUEST),
                arguments(
                        "impossible base64 length",
                        parts[0] + "." + parts[1] + "A." + parts[2],
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "header not JSON",
                        b64("not json") + "." + parts[1] + "." + parts[2],
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "payload a JSON array",
                        rawSegments(json(Fixtures.header("ES256")), "[1,2]"),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "duplicate member in payload",
                        rawSegments(
                                json(Fixtures.header("ES256")),
                                json(Fixtures.claims()).replaceFirst("\\{", "{\"sub\":\"admin\",")),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "duplicate member in header",
                        rawSegments(
                                json(Fixtures.header("ES256")).replaceFirst("\\{", "{\"alg\":\"none\","),
                                json(Fixtures.claims())),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "oversized token (> 16 KiB)",
                        claims(c -> c.put("name", "x".repeat(17 * 1024))),
                        ProtocolError.INVALID_REQUEST),
                arguments("typ missing", header(h -> h.remove("typ")), ProtocolError.INVALID_REQUEST),
                arguments("typ JWT (an ID token)", header(h -> h.put("typ", "JWT")), ProtocolError.INVALID_REQUEST),
                arguments(
                        "OIDC ID token shape without typ",
                        forge(h -> h.remove("typ"), c -> {
                            c.put("nonce", "n-1");
                            c.put("azp", P);
                        }),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "typ at+jwt (an access token)",
                        header(h -> h.put("typ", "at+jwt")),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "logout token at the ID-JAG verifier",
                        Fixtures.logoutFromP().mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments("typ not a string", header(h -> h.put("typ", 7)), ProtocolError.INVALID_REQUEST),
                arguments("alg missing", header(h -> h.remove("alg")), ProtocolError.INVALID_REQUEST),
                arguments("kid not a string", header(h -> h.put("kid", 42)), ProtocolError.INVALID_REQUEST),

                // --- step 2: algorithm → invalid_signature
                arguments(
                        "alg none, empty signature",
                        dev.authmd.core.testsupport.JwtForge.withSignature(none, Fixtures.claims(), new byte[0]),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "alg None (case variant)", header(h -> h.put("alg", "None")), ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "HS256 signed with the provider's public key",
                        dev.authmd.core.testsupport.JwtForge.hmac(
                                Fixtures.header("HS256"),
                                Fixtures.claims(),
                                P_KEYS.jwksJson().getBytes(StandardCharsets.UTF_8)),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "HS512",
                        dev.authmd.core.testsupport.JwtForge.hmac(
                                Fixtures.header("HS512"), Fixtures.claims(), new byte[64]),
                        ProtocolError.INVALID_SIGNATURE),
                arguments("unknown algorithm", header(h -> h.put("alg", "ES256K")), ProtocolError.INVALID_SIGNATURE),

                // --- step 3: issuer → invalid_issuer (and the entry's algorithms, crit)
                arguments(
                        "untrusted issuer",
                        claims(c -> c.put("iss", "https://evil.example")),
                        ProtocolError.INVALID_ISSUER),
                arguments("issuer missing", claims(c -> c.remove("iss")), ProtocolError.INVALID_ISSUER),
                arguments(
                        "issuer with trailing slash", claims(c -> c.put("iss", P + "/")), ProtocolError.INVALID_ISSUER),
                arguments("issuer not a string", claims(c -> c.put("iss", List.of(P))), ProtocolError.INVALID_ISSUER),
                arguments(
                        "RS256 from an ES256-only provider",
                        signedBy(R_KEY, "RS256", h -> {}),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "unknown crit header",
                        header(h -> {
                            h.put("crit", List.of("urn:example:bind"));
                            h.put("urn:example:bind", true);
                        }),
                        ProtocolError.INVALID_SIGNATURE),

                // --- step 4: signature → invalid_signature
                arguments(
                        "all-zero ECDSA signature (CVE-2022-21449)",
                        dev.authmd.core.testsupport.JwtForge.withSignature(
                                Fixtures.header("ES256"), Fixtures.claims(), new byte[64]),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "ECDSA signature of wrong length",
                        dev.authmd.core.testsupport.JwtForge.withSignature(
                                Fixtures.header("ES256"), Fixtures.claims(), new byte[63]),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "empty signature with ES256",
                        dev.authmd.core.testsupport.JwtForge.withSignature(
                                Fixtures.header("ES256"), Fixtures.claims(), new byte[0]),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "embedded jwk header, signed by that key",
                        signedBy(ATTACKER_KEY, "ES256", h -> {
                            h.put("jwk", ATTACKER_KEY.toPublicJWK().toJSONObject());
                            h.put("kid", ATTACKER_KEY.getKeyID());
                        }),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "jku header to the attacker's JWKS",
                        signedBy(ATTACKER_KEY, "ES256", h -> {
                            h.put("jku", "https://evil.example/jwks.json");
                            h.put("kid", ATTACKER_KEY.getKeyID());
                        }),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "x5u header to the attacker's chain",
                        signedBy(ATTACKER_KEY, "ES256", h -> {
                            h.put("x5u", "https://evil.example/chain.pem");
                        }),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "signed by another key under P's kid",
                        signedBy(ATTACKER_KEY, "ES256", h -> {}),
                        ProtocolError.INVALID_SIGNATURE),
                arguments("unknown kid", header(h -> h.put("kid", "no-such-key")), ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "payload changed after signing",
                        parts[0] + "." + b64(json(Fixtures.claims())) + "." + parts[2],
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "signature from another token",
                        parts[0] + "." + parts[1] + "."
                                + Fixtures.idJagFromP().subject("other").mint().split("\\.")[2],
                        ProtocolError.INVALID_SIGNATURE),

                // --- step 5: audience → invalid_audience
                arguments(
                        "aud with two values",
                        claims(c -> c.put("aud", List.of(AS_ISSUER, Fixtures.RESOURCE))),
                        ProtocolError.INVALID_AUDIENCE),
                arguments(
                        "wrong aud",
                        claims(c -> c.put("aud", "https://other.example")),
                        ProtocolError.INVALID_AUDIENCE),
                arguments("aud missing", claims(c -> c.remove("aud")), ProtocolError.INVALID_AUDIENCE),
                arguments("aud empty array", claims(c -> c.put("aud", List.of())), ProtocolError.INVALID_AUDIENCE),
                arguments("aud a number", claims(c -> c.put("aud", 1)), ProtocolError.INVALID_AUDIENCE),
                arguments(
                        "aud with trailing slash",
                        claims(c -> c.put("aud", AS_ISSUER + "/")),
                        ProtocolError.INVALID_AUDIENCE),

                // --- step 6: time → expired / invalid_request
                arguments(
                        "expired",
                        claims(c -> {
                            c.put("iat", NOW.minusSeconds(600).getEpochSecond());
                            c.put("exp", NOW.minusSeconds(120).getEpochSecond());
                        }),
                        ProtocolError.EXPIRED),
                arguments("exp missing", claims(c -> c.remove("exp")), ProtocolError.INVALID_REQUEST),
                arguments(
                        "exp a string",
                        claims(c ->
                                c.put("exp", String.valueOf(NOW.plusSeconds(60).getEpochSecond()))),
                        ProtocolError.INVALID_REQUEST),
                arguments("iat missing", claims(c -> c.remove("iat")), ProtocolError.INVALID_REQUEST),
                arguments(
                        "iat in the future",
                        claims(c -> {
                            c.put("iat", NOW.plusSeconds(300).getEpochSecond());
                            c.put("exp", NOW.plusSeconds(600).getEpochSecond());
                        }),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "lifetime too long",
                        claims(c -> c.put("exp", NOW.plusSeconds(3600).getEpochSecond())),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "exp before iat",
                        claims(c -> {
                            c.put("iat", NOW.plusSeconds(30).getEpochSecond());
                            c.put("exp", NOW.plusSeconds(10).getEpochSecond());
                        }),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "nbf in the future",
                        claims(c -> c.put("nbf", NOW.plusSeconds(200).getEpochSecond())),
                        ProtocolError.INVALID_REQUEST),

                // --- step 7: sub, jti, claim shapes → invalid_request; client_id → invalid_client_id
                arguments("sub missing", claims(c -> c.remove("sub")), ProtocolError.INVALID_REQUEST),
                arguments("sub empty", claims(c -> c.put("sub", "")), ProtocolError.INVALID_REQUEST),
                arguments("sub a number", claims(c -> c.put("sub", 12345)), ProtocolError.INVALID_REQUEST),
                arguments("jti missing", claims(c -> c.remove("jti")), ProtocolError.INVALID_REQUEST),
                arguments("amr a string", claims(c -> c.put("amr", "mfa")), ProtocolError.INVALID_REQUEST),
                arguments("email a number", claims(c -> c.put("email", 5)), ProtocolError.INVALID_REQUEST),
                arguments(
                        "auth_time in the future",
                        claims(c -> c.put("auth_time", NOW.plusSeconds(3600).getEpochSecond())),
                        ProtocolError.INVALID_REQUEST),
                arguments("client_id missing", claims(c -> c.remove("client_id")), ProtocolError.INVALID_CLIENT_ID),
                arguments(
                        "client_id unknown",
                        claims(c -> c.put("client_id", "some-other-client")),
                        ProtocolError.INVALID_CLIENT_ID),
                arguments(
                        "CIMD client_id naming another jwks_uri",
                        claims(c -> c.put("client_id", Fixtures.P_CIMD_OTHER)),
                        ProtocolError.INVALID_CLIENT_ID),
                arguments(
                        "CIMD document with another client_id",
                        claims(c -> c.put("client_id", Fixtures.P_CIMD_WRONG_ID)),
                        ProtocolError.INVALID_CLIENT_ID),
                arguments(
                        "CIMD client_id that does not exist",
                        claims(c -> c.put("client_id", P + "/missing.json")),
                        ProtocolError.INVALID_CLIENT_ID),

                // --- step 8: key binding → invalid_request
                arguments(
                        "cnf present", claims(c -> c.put("cnf", Map.of("jkt", "abc"))), ProtocolError.INVALID_REQUEST),

                // --- step 10: verified email/phone → missing_verified_email
                arguments(
                        "email_verified the string \"true\"",
                        claims(c -> c.put("email_verified", "true")),
                        ProtocolError.MISSING_VERIFIED_EMAIL),
                arguments(
                        "email_verified false",
                        claims(c -> c.put("email_verified", false)),
                        ProtocolError.MISSING_VERIFIED_EMAIL),
                arguments(
                        "email_verified true without email",
                        claims(c -> c.remove("email")),
                        ProtocolError.MISSING_VERIFIED_EMAIL),
                arguments(
                        "phone_number_verified the string \"true\"",
                        claims(c -> {
                            c.remove("email_verified");
                            c.put("phone_number", "+15551234567");
                            c.put("phone_number_verified", "true");
                        }),
                        ProtocolError.MISSING_VERIFIED_EMAIL),

                // --- step 11: provider policy (R needs mfa, acr loa2/loa3, auth_time within 1 h)
                arguments(
                        "amr lacks mfa",
                        Fixtures.idJagFromR().amr(List.of("pwd")).mint(),
                        ProtocolError.INSUFFICIENT_USER_AUTHENTICATION),
                arguments(
                        "amr missing",
                        Fixtures.idJagFromR().withoutClaim("amr").mint(),
                        ProtocolError.INSUFFICIENT_USER_AUTHENTICATION),
                arguments(
                        "acr not accepted",
                        Fixtures.idJagFromR().acr("loa1").mint(),
                        ProtocolError.INSUFFICIENT_USER_AUTHENTICATION),
                arguments(
                        "auth_time too old",
                        Fixtures.idJagFromR().authTime(NOW.minusSeconds(7200)).mint(),
                        ProtocolError.INSUFFICIENT_USER_AUTHENTICATION),
                arguments(
                        "auth_time missing",
                        Fixtures.idJagFromR().withoutClaim("auth_time").mint(),
                        ProtocolError.INSUFFICIENT_USER_AUTHENTICATION));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("corpus")
    void verifyWhenTokenIsBadThenExactError(String name, String token, ProtocolError expected) {
        Fixtures world = new Fixtures();
        AssertionResult<VerifiedIdJag> result = world.idJagVerifier().verify(token);

        assertThat(result.isValid()).as(name).isFalse();
        assertThat(result.rejection().error()).as(name).isEqualTo(expected);
        assertThat(result.rejection().message())
                .isNotBlank()
                .doesNotContain(token.length() > 20 ? token.substring(0, 20) : "\u0000");
        boolean decidedAfterReplayStep = expected == ProtocolError.MISSING_VERIFIED_EMAIL
                || expected == ProtocolError.INSUFFICIENT_USER_AUTHENTICATION;
        assertThat(world.replay.size()).as("jti consumed").isEqualTo(decidedAfterReplayStep ? 1 : 0);
        assertThat(world.fetcher.count("https://evil.example/jwks.json"))
                .as("jku never fetched")
                .isZero();
        assertThat(world.fetcher.count("https://evil.example/chain.pem"))
                .as("x5u never fetched")
                .isZero();
        if (expected == ProtocolError.INVALID_ISSUER) {
            assertThat(world.fetcher.total())
                    .as("no fetch for an untrusted issuer")
                    .isZero();
        }
    }

    @Test
    void corpusWhenCountedThenAtLeastFiftyDistinctTokens() {
        Set<String> tokens = new HashSet<>();
        corpus().forEach(a -> tokens.add((String) a.get()[1]));
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void verifyWhenInsufficientAuthenticationThenMaxAgeAndAcrValuesMembers() {
        AssertionResult<VerifiedIdJag> result = new Fixtures()
                .idJagVerifier()
                .verify(Fixtures.idJagFromR().authTime(NOW.minusSeconds(7200)).mint());

        assertThat(result.rejection().members())
                .containsEntry("max_age", 3600L)
                .containsEntry("acr_values", "loa2 loa3");
    }
}
