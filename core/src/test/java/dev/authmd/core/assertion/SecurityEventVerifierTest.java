package dev.authmd.core.assertion;

import static dev.authmd.core.assertion.Fixtures.AS_ISSUER;
import static dev.authmd.core.assertion.Fixtures.NOW;
import static dev.authmd.core.assertion.Fixtures.P;
import static dev.authmd.core.assertion.Fixtures.P_JWKS;
import static dev.authmd.core.assertion.Fixtures.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.provider.SecurityEventMinter;
import dev.authmd.protocol.error.SecurityEventError;
import dev.authmd.spi.store.ReplayKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The current profile's security event tokens (docs/protocol.md, current profile §9), checked in order. */
class SecurityEventVerifierTest {

    private final Fixtures world = new Fixtures();
    private final SecurityEventVerifier verifier = world.securityEventVerifier();

    @Test
    void verifyWhenTheReferenceShapeThenAcceptedAndItsJtiRecorded() {
        SecurityEventResult result =
                verifier.verify(Fixtures.securityEventFromP().jti("s-1").mint());

        assertThat(result).isInstanceOf(SecurityEventResult.Accepted.class);
        VerifiedSecurityEvent event = ((SecurityEventResult.Accepted) result).event();
        assertThat(event.issuer()).isEqualTo(P);
        assertThat(event.subject()).isEqualTo("user-1");
        assertThat(event.audience()).isEqualTo(AS_ISSUER);
        assertThat(event.jti()).isEqualTo("s-1");
        assertThat(event.issuedAt()).isEqualTo(NOW);
        assertThat(event.events()).containsExactly(SecurityEventVerifier.EVENT_ASSERTION_REVOKED);
        assertThat(event.revokesDelegation()).isTrue();
        assertThat(world.replay.retainedUntil(new ReplayKey("secevent", P, "s-1")))
                .isAfter(NOW.plusSeconds(300));
    }

    @Test
    void verifyWhenTheSubjectIsAnIssSubSubIdThenItsSubIsTheSubject() {
        SecurityEventResult result = verifier.verify(
                Fixtures.securityEventFromP().subjectId("user-9").mint());
        assertThat(((SecurityEventResult.Accepted) result).event().subject()).isEqualTo("user-9");
    }

    @Test
    void verifyWhenTheEarlyDraftEventSpellingOrTheResourceAsAudienceThenAccepted() {
        SecurityEventResult draft = verifier.verify(Fixtures.securityEventFromP()
                .event(SecurityEventVerifier.EVENT_ASSERTION_REVOKED_DRAFT)
                .mint());
        assertThat(((SecurityEventResult.Accepted) draft).event().events())
                .containsExactly(SecurityEventVerifier.EVENT_ASSERTION_REVOKED_DRAFT);
        SecurityEventResult resource =
                verifier.verify(Fixtures.securityEventFromP().audience(RESOURCE).mint());
        assertThat(((SecurityEventResult.Accepted) resource).event().audience()).isEqualTo(RESOURCE);
    }

    @Test
    void verifyWhenOnlyUnknownEventsThenAcceptedAndNothingToRevoke() {
        SecurityEventResult result = verifier.verify(Fixtures.securityEventFromP()
                .event("https://schemas.openid.net/secevent/caep/event-type/session-revoked")
                .mint());
        assertThat(((SecurityEventResult.Accepted) result).event().revokesDelegation())
                .isFalse();
    }

    @Test
    void verifyWhenPresentedAgainThenReplayedNotRejected() {
        String token = Fixtures.securityEventFromP().jti("s-2").mint();
        assertThat(verifier.verify(token)).isInstanceOf(SecurityEventResult.Accepted.class);
        assertThat(verifier.verify(token)).isEqualTo(new SecurityEventResult.Replayed(P, "s-2"));
    }

    @Test
    void verifyWhenTheIssuerIsUntrustedThenRefusedBeforeAnyKeyIsFetched() {
        ProviderKeys stranger = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
        SecurityEventResult result = verifier.verify(SecurityEventMinter.builder(stranger)
                .issuer("https://stranger.example")
                .subject("u")
                .audience(AS_ISSUER)
                .issuedAt(NOW)
                .mint());
        assertThat(result)
                .isEqualTo(new SecurityEventResult.Rejected(
                        SecurityEventError.INVALID_ISSUER, "the issuer is not trusted by this service"));
        assertThat(world.fetcher.total()).isZero();
        assertThat(world.fetcher.count(P_JWKS)).isZero();
    }

    @Test
    void extractTokenWhenTheContentTypeIsSecEventJwtThenTheBodyElseNothing() {
        byte[] body = " a.b.c \n".getBytes(StandardCharsets.UTF_8);
        assertThat(SecurityEventVerifier.extractToken("application/secevent+jwt; charset=utf-8", body))
                .contains("a.b.c");
        assertThat(SecurityEventVerifier.extractToken("Application/SecEvent+JWT", body))
                .contains("a.b.c");
        assertThat(SecurityEventVerifier.extractToken("application/json", body)).isEmpty();
        assertThat(SecurityEventVerifier.extractToken("application/logout+jwt", body))
                .isEmpty();
        assertThat(SecurityEventVerifier.extractToken(null, body)).isEmpty();
        assertThat(SecurityEventVerifier.extractToken("application/secevent+jwt", new byte[0]))
                .isEmpty();
    }

    static Stream<Arguments> refused() {
        ProviderKeys attacker = Fixtures.ATTACKER_KEYS;
        return Stream.of(
                bad("empty", t -> "", SecurityEventError.INVALID_REQUEST, "the token is empty"),
                bad(
                        "two segments",
                        t -> "a.b",
                        SecurityEventError.INVALID_REQUEST,
                        "the token is not a compact JWS (three dot-separated segments)"),
                bad(
                        "JWE",
                        t -> "a.b.c.d.e",
                        SecurityEventError.INVALID_REQUEST,
                        "an encrypted JWT (JWE) is not accepted; send a signed JWT (JWS)"),
                bad(
                        "too long",
                        t -> "a".repeat(20_000),
                        SecurityEventError.INVALID_REQUEST,
                        "the token is longer than 16384 characters"),
                made(
                        "iss missing",
                        m -> m.withoutClaim("iss"),
                        SecurityEventError.INVALID_ISSUER,
                        "the issuer is not trusted by this service"),
                made(
                        "iss a number",
                        m -> m.claim("iss", 7),
                        SecurityEventError.INVALID_ISSUER,
                        "the issuer is not trusted by this service"),
                made(
                        "iss with a trailing slash",
                        m -> m.claim("iss", P + "/"),
                        SecurityEventError.INVALID_ISSUER,
                        "the issuer is not trusted by this service"),
                made(
                        "typ missing",
                        m -> m.type(null),
                        SecurityEventError.INVALID_REQUEST,
                        "the header typ must be secevent+jwt"),
                made(
                        "typ of a logout token",
                        m -> m.type("logout+jwt"),
                        SecurityEventError.INVALID_REQUEST,
                        "the header typ must be secevent+jwt"),
                made(
                        "typ JWT",
                        m -> m.type("JWT"),
                        SecurityEventError.INVALID_REQUEST,
                        "the header typ must be secevent+jwt"),
                made(
                        "alg none",
                        m -> m.header("alg", "none"),
                        SecurityEventError.INVALID_KEY,
                        "the signing algorithm is not accepted for this issuer"),
                made(
                        "alg HS256",
                        m -> m.header("alg", "HS256"),
                        SecurityEventError.INVALID_KEY,
                        "the signing algorithm is not accepted for this issuer"),
                made(
                        "alg RS256, not P's",
                        m -> m.header("alg", "RS256"),
                        SecurityEventError.INVALID_KEY,
                        "the signing algorithm is not accepted for this issuer"),
                made(
                        "crit",
                        m -> m.header("crit", List.of("exp")),
                        SecurityEventError.INVALID_REQUEST,
                        "critical header extensions are not supported"),
                made(
                        "kid unknown",
                        m -> m.keyId("nobody"),
                        SecurityEventError.INVALID_KEY,
                        "no signing key of the issuer matches the header"),
                bad(
                        "signed by an attacker under P's kid",
                        t -> SecurityEventMinter.builder(attacker)
                                .issuer(P)
                                .subject("user-1")
                                .audience(AS_ISSUER)
                                .issuedAt(NOW)
                                .keyId(Fixtures.P_KEYS.currentKid())
                                .mint(),
                        SecurityEventError.AUTHENTICATION_FAILED,
                        "the signature does not verify"),
                bad(
                        "claims changed after signing",
                        SecurityEventVerifierTest::tampered,
                        SecurityEventError.AUTHENTICATION_FAILED,
                        "the signature does not verify"),
                made(
                        "aud another service",
                        m -> m.audience("https://elsewhere.example"),
                        SecurityEventError.INVALID_AUDIENCE,
                        "the audience must be exactly one of this service's identifiers"),
                made(
                        "aud two values",
                        m -> m.claim("aud", List.of(AS_ISSUER, RESOURCE)),
                        SecurityEventError.INVALID_AUDIENCE,
                        "the audience must be exactly one of this service's identifiers"),
                made(
                        "aud missing",
                        m -> m.withoutClaim("aud"),
                        SecurityEventError.INVALID_AUDIENCE,
                        "the audience must be exactly one of this service's identifiers"),
                made("jti missing", m -> m.withoutClaim("jti"), SecurityEventError.INVALID_REQUEST, "jti is required"),
                made("jti blank", m -> m.jti(" "), SecurityEventError.INVALID_REQUEST, "jti is required"),
                made(
                        "iat missing",
                        m -> m.withoutClaim("iat"),
                        SecurityEventError.INVALID_REQUEST,
                        "iat is required, a number of seconds"),
                made(
                        "iat a string",
                        m -> m.claim("iat", "now"),
                        SecurityEventError.INVALID_REQUEST,
                        "iat is required, a number of seconds"),
                made(
                        "iat six minutes old",
                        m -> m.issuedAt(NOW.minus(Duration.ofMinutes(6)).minus(Fixtures.CONFIG.clockSkew())),
                        SecurityEventError.INVALID_REQUEST,
                        "iat is more than five minutes old"),
                made(
                        "iat ahead of the skew",
                        m -> m.issuedAt(NOW.plus(Fixtures.CONFIG.clockSkew()).plusSeconds(1)),
                        SecurityEventError.INVALID_REQUEST,
                        "iat is in the future"),
                made(
                        "exp past",
                        m -> m.issuedAt(NOW.minusSeconds(200))
                                .claim(
                                        "exp",
                                        NOW.minusSeconds(100).getEpochSecond()
                                                - Fixtures.CONFIG.clockSkew().toSeconds()),
                        SecurityEventError.INVALID_REQUEST,
                        "the token has expired"),
                made(
                        "exp a string",
                        m -> m.claim("exp", "later"),
                        SecurityEventError.INVALID_REQUEST,
                        "exp must be a number of seconds"),
                made(
                        "events missing",
                        m -> m.withoutClaim("events"),
                        SecurityEventError.INVALID_REQUEST,
                        "events must be a non-empty JSON object"),
                made(
                        "events empty",
                        m -> m.claim("events", Map.of()),
                        SecurityEventError.INVALID_REQUEST,
                        "events must be a non-empty JSON object"),
                made(
                        "events an array",
                        m -> m.claim("events", List.of(SecurityEventVerifier.EVENT_ASSERTION_REVOKED)),
                        SecurityEventError.INVALID_REQUEST,
                        "events must be a non-empty JSON object"),
                made(
                        "revocation payload a string",
                        m -> m.claim("events", Map.of(SecurityEventVerifier.EVENT_ASSERTION_REVOKED, "yes")),
                        SecurityEventError.INVALID_REQUEST,
                        "the payload of a revocation event must be an object"),
                made(
                        "no subject",
                        m -> m.withoutClaim("sub"),
                        SecurityEventError.INVALID_REQUEST,
                        "a subject is required: sub, or sub_id"),
                made(
                        "sub a number",
                        m -> m.claim("sub", 12),
                        SecurityEventError.INVALID_REQUEST,
                        "sub must be a non-blank string"),
                made(
                        "sub_id of another format",
                        m -> m.withoutClaim("sub").claim("sub_id", Map.of("format", "email", "email", "a@b.c")),
                        SecurityEventError.INVALID_REQUEST,
                        "sub_id must have the format iss_sub"),
                made(
                        "sub_id naming another issuer",
                        m -> m.withoutClaim("sub")
                                .claim(
                                        "sub_id",
                                        Map.of("format", "iss_sub", "iss", "https://other.example", "sub", "u")),
                        SecurityEventError.INVALID_REQUEST,
                        "sub_id.iss must be the token's issuer"),
                made(
                        "sub_id without sub",
                        m -> m.withoutClaim("sub").claim("sub_id", Map.of("format", "iss_sub", "iss", P)),
                        SecurityEventError.INVALID_REQUEST,
                        "sub_id.sub must be a non-blank string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void verifyWhenTheTokenIsBadThenRejectedWithItsErrorAndNothingRecorded(
            String name, String token, SecurityEventError error, String description) {
        assertThat(verifier.verify(token)).isEqualTo(new SecurityEventResult.Rejected(error, description));
        assertThat(world.replay.size()).isZero();
    }

    private static Arguments made(
            String name, UnaryOperator<SecurityEventMinter> edit, SecurityEventError error, String description) {
        return Arguments.of(name, edit.apply(Fixtures.securityEventFromP()).mint(), error, description);
    }

    private static Arguments bad(
            String name, UnaryOperator<String> token, SecurityEventError error, String description) {
        return Arguments.of(name, token.apply(""), error, description);
    }

    private static String tampered(String unused) {
        String[] good = Fixtures.securityEventFromP().mint().split("\\.");
        String[] other = Fixtures.securityEventFromP().subject("user-2").mint().split("\\.");
        return good[0] + "." + other[1] + "." + good[2];
    }
}
