package dev.authmd.core.assertion;

import static dev.authmd.core.assertion.Fixtures.AS_ISSUER;
import static dev.authmd.core.assertion.Fixtures.NOW;
import static dev.authmd.core.assertion.Fixtures.P;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.provider.LogoutTokenMinter;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.ReplayKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/protocol.md#v01-6. */
class LogoutTokenVerifierTest {

    private final Fixtures world = new Fixtures();
    private final LogoutTokenVerifier verifier = world.logoutVerifier().build();

    @Test
    void verifyWhenReferenceShapeWithoutExpThenAccepted() {
        AssertionResult<VerifiedLogoutToken> result =
                verifier.verify(Fixtures.logoutFromP().jti("l-1").mint());

        assertThat(result.isValid()).isTrue();
        VerifiedLogoutToken token = result.value();
        assertThat(token.issuer()).isEqualTo(P);
        assertThat(token.subject()).isEqualTo("user-1");
        assertThat(token.audience()).isEqualTo(AS_ISSUER);
        assertThat(token.jti()).isEqualTo("l-1");
        assertThat(token.events()).containsOnlyKeys(AgentAuthConfig.EVENT_ASSERTION_REVOKED);
        assertThat(token.issuedAt()).isEqualTo(NOW);
        assertThat(token.expiresAt()).isEmpty();
        assertThat(world.replay.retainedUntil(new ReplayKey("logout", P, "l-1")))
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)).plus(Fixtures.CONFIG.clockSkew()));
    }

    @Test
    void verifyWhenBackChannelLogoutEventWithExpThenAccepted() {
        AssertionResult<VerifiedLogoutToken> result = verifier.verify(Fixtures.logoutFromP()
                .event(LogoutTokenMinter.EVENT_BACKCHANNEL_LOGOUT)
                .lifetime(Duration.ofMinutes(2))
                .mint());

        assertThat(result.isValid()).isTrue();
        assertThat(result.value().expiresAt()).contains(NOW.plusSeconds(120));
    }

    @Test
    void verifyWhenPresentedTwiceThenReplay() {
        String token = Fixtures.logoutFromP().mint();

        assertThat(verifier.verify(token).isValid()).isTrue();
        assertThat(verifier.verify(token).rejection().error()).isEqualTo(ProtocolError.REPLAY_DETECTED);
    }

    @Test
    void verifyWhenIdJagUsedSameJtiThenLogoutNamespaceIsSeparate() {
        assertThat(world.idJagVerifier()
                        .verify(Fixtures.idJagFromP().jti("same").mint())
                        .isValid())
                .isTrue();
        assertThat(verifier.verify(Fixtures.logoutFromP().jti("same").mint()).isValid())
                .isTrue();
    }

    @Test
    void verifyWhenIatAtEdgeOfWindowWithoutExpThenAcceptedAndPastItExpired() {
        world.clock.set(NOW.plus(Duration.ofMinutes(5))
                .plus(Fixtures.CONFIG.clockSkew())
                .minusSeconds(1));
        assertThat(verifier.verify(Fixtures.logoutFromP().mint()).isValid()).isTrue();

        world.clock.set(NOW.plus(Duration.ofMinutes(5)).plus(Fixtures.CONFIG.clockSkew()));
        assertThat(verifier.verify(Fixtures.logoutFromP().mint()).rejection().error())
                .isEqualTo(ProtocolError.EXPIRED);
    }

    @Test
    void verifyWhenStrictSettingAndNoExpThenInvalidRequest() {
        LogoutTokenVerifier strict = world.logoutVerifier().requireExp(true).build();

        assertThat(strict.verify(Fixtures.logoutFromP().mint()).rejection().error())
                .isEqualTo(ProtocolError.INVALID_REQUEST);
        assertThat(strict.verify(Fixtures.logoutFromP()
                                .lifetime(Duration.ofMinutes(2))
                                .mint())
                        .isValid())
                .isTrue();
    }

    @Test
    void verifyWhenWindowConfiguredShorterThenOlderTokenExpired() {
        LogoutTokenVerifier shortWindow =
                world.logoutVerifier().iatWindow(Duration.ofMinutes(1)).build();
        world.clock.set(NOW.plus(Duration.ofMinutes(2)).plus(Fixtures.CONFIG.clockSkew()));

        assertThat(shortWindow.verify(Fixtures.logoutFromP().mint()).rejection().error())
                .isEqualTo(ProtocolError.EXPIRED);
    }

    static Stream<Arguments> badLogoutTokens() {
        return Stream.of(
                arguments(
                        "an ID-JAG at the logout verifier",
                        Fixtures.idJagFromP().mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments("typ JWT", Fixtures.logoutFromP().type("JWT").mint(), ProtocolError.INVALID_REQUEST),
                arguments("typ missing", Fixtures.logoutFromP().type(null).mint(), ProtocolError.INVALID_REQUEST),
                arguments(
                        "untrusted issuer",
                        Fixtures.logoutFromP().issuer("https://evil.example").mint(),
                        ProtocolError.INVALID_ISSUER),
                arguments(
                        "wrong audience",
                        Fixtures.logoutFromP().audience("https://other.example").mint(),
                        ProtocolError.INVALID_AUDIENCE),
                arguments(
                        "two audiences",
                        Fixtures.logoutFromP()
                                .claim("aud", List.of(AS_ISSUER, Fixtures.RESOURCE))
                                .mint(),
                        ProtocolError.INVALID_AUDIENCE),
                arguments(
                        "signed by another key",
                        LogoutTokenMinter.builder(Fixtures.ATTACKER_KEYS)
                                .issuer(P)
                                .subject("u")
                                .audience(AS_ISSUER)
                                .issuedAt(NOW)
                                .keyId(Fixtures.P_KEYS.currentKid())
                                .mint(),
                        ProtocolError.INVALID_SIGNATURE),
                arguments(
                        "nonce present",
                        Fixtures.logoutFromP().claim("nonce", "n").mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "sub missing",
                        Fixtures.logoutFromP().withoutClaim("sub").mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "jti missing",
                        Fixtures.logoutFromP().withoutClaim("jti").mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "iat missing",
                        Fixtures.logoutFromP().withoutClaim("iat").mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "iat in the future",
                        Fixtures.logoutFromP().issuedAt(NOW.plusSeconds(120)).mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "events missing",
                        Fixtures.logoutFromP().withoutClaim("events").mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "events an array",
                        Fixtures.logoutFromP()
                                .claim("events", List.of(AgentAuthConfig.EVENT_ASSERTION_REVOKED))
                                .mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "unsupported event only",
                        Fixtures.logoutFromP()
                                .event("https://example.com/other-event")
                                .mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "event value not an object",
                        Fixtures.logoutFromP()
                                .claim("events", Map.of(AgentAuthConfig.EVENT_ASSERTION_REVOKED, "yes"))
                                .mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "exp passed",
                        Fixtures.logoutFromP()
                                .issuedAt(NOW.minusSeconds(400))
                                .expiresAt(NOW.minusSeconds(100))
                                .mint(),
                        ProtocolError.EXPIRED),
                arguments(
                        "too old without exp",
                        Fixtures.logoutFromP()
                                .issuedAt(NOW.minus(Duration.ofMinutes(10)))
                                .mint(),
                        ProtocolError.EXPIRED),
                arguments(
                        "exp too far after iat",
                        Fixtures.logoutFromP().lifetime(Duration.ofDays(365)).mint(),
                        ProtocolError.INVALID_REQUEST),
                arguments(
                        "duplicate member",
                        dev.authmd.core.testsupport.JwtForge.signRaw(
                                "{\"typ\":\"logout+jwt\",\"alg\":\"ES256\",\"kid\":\"" + Fixtures.P_KEYS.currentKid()
                                        + "\"}",
                                "{\"iss\":\"" + P + "\",\"sub\":\"a\",\"sub\":\"b\"}",
                                com.nimbusds.jose.JWSAlgorithm.ES256,
                                Fixtures.privateKey(Fixtures.P_KEYS)),
                        ProtocolError.INVALID_REQUEST));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("badLogoutTokens")
    void verifyWhenLogoutTokenIsBadThenExactError(String name, String token, ProtocolError expected) {
        Fixtures fresh = new Fixtures();

        AssertionResult<VerifiedLogoutToken> result =
                fresh.logoutVerifier().build().verify(token);

        assertThat(result.isValid()).as(name).isFalse();
        assertThat(result.rejection().error()).as(name).isEqualTo(expected);
        assertThat(fresh.replay.size()).isZero();
    }

    @Test
    void extractTokenWhenLogoutJwtBodyThenToken() {
        AssertionResult<String> result = LogoutTokenVerifier.extractToken(
                "application/logout+jwt; charset=utf-8", "  a.b.c\n".getBytes(StandardCharsets.UTF_8));

        assertThat(result.value()).isEqualTo("a.b.c");
    }

    @Test
    void extractTokenWhenFormBodyThenDecodedToken() {
        AssertionResult<String> result = LogoutTokenVerifier.extractToken(
                "Application/X-WWW-Form-Urlencoded",
                "foo=1&logout_token=a.b%2Dc&bar=".getBytes(StandardCharsets.UTF_8));

        assertThat(result.value()).isEqualTo("a.b-c");
    }

    @Test
    void extractTokenWhenFormHasTwoTokensThenInvalidRequest() {
        assertThat(LogoutTokenVerifier.extractToken(
                                "application/x-www-form-urlencoded",
                                "logout_token=a&logout_token=b".getBytes(StandardCharsets.UTF_8))
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INVALID_REQUEST);
    }

    @Test
    void extractTokenWhenFormHasNoTokenOrBadEncodingThenInvalidRequest() {
        assertThat(LogoutTokenVerifier.extractToken(
                                "application/x-www-form-urlencoded", "token=a".getBytes(StandardCharsets.UTF_8))
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INVALID_REQUEST);
        assertThat(LogoutTokenVerifier.extractToken(
                                "application/x-www-form-urlencoded",
                                "logout_token=%zz".getBytes(StandardCharsets.UTF_8))
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INVALID_REQUEST);
    }

    @Test
    void extractTokenWhenOtherContentTypeOrEmptyBodyThenInvalidRequest() {
        assertThat(LogoutTokenVerifier.extractToken("application/json", "{}".getBytes(StandardCharsets.UTF_8))
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INVALID_REQUEST);
        assertThat(LogoutTokenVerifier.extractToken(null, new byte[0])
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INVALID_REQUEST);
        assertThat(LogoutTokenVerifier.extractToken("application/logout+jwt", " ".getBytes(StandardCharsets.UTF_8))
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INVALID_REQUEST);
    }
}
