package dev.authmd.core.assertion;

import static dev.authmd.core.assertion.Fixtures.AS_ISSUER;
import static dev.authmd.core.assertion.Fixtures.NOW;
import static dev.authmd.core.assertion.Fixtures.P;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.trust.ProviderPolicy;
import dev.authmd.core.trust.TrustList;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.store.ReplayKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdJagVerifierTest {

    private final Fixtures world = new Fixtures();
    private final IdJagVerifier verifier = world.idJagVerifier();

    @Test
    void verifyWhenWellFormedThenEveryClaimIsExposed() {
        String token = Fixtures.idJagFromP()
                .jti("jti-1")
                .name("Ada")
                .phoneNumber("+15550100")
                .phoneNumberVerified(true)
                .amr(List.of("pwd"))
                .acr("loa1")
                .authTime(NOW.minusSeconds(60))
                .resource("https://api.example.com/v1")
                .scope("api.read api.write")
                .agentPlatform("claude")
                .agentContextId("ctx-9")
                .mint();

        AssertionResult<VerifiedIdJag> result = verifier.verify(token);

        assertThat(result.isValid()).isTrue();
        VerifiedIdJag idJag = result.value();
        assertThat(idJag.issuer()).isEqualTo(P);
        assertThat(idJag.subject()).isEqualTo("user-1");
        assertThat(idJag.audience()).isEqualTo(AS_ISSUER);
        assertThat(idJag.clientId()).isEqualTo(P);
        assertThat(idJag.jti()).isEqualTo("jti-1");
        assertThat(idJag.email()).contains("ada@example.com");
        assertThat(idJag.emailVerified()).isTrue();
        assertThat(idJag.phoneNumber()).contains("+15550100");
        assertThat(idJag.phoneNumberVerified()).isTrue();
        assertThat(idJag.amr()).containsExactly("pwd");
        assertThat(idJag.acr()).contains("loa1");
        assertThat(idJag.authTime()).contains(NOW.minusSeconds(60));
        assertThat(idJag.name()).contains("Ada");
        assertThat(idJag.resource()).containsExactly("https://api.example.com/v1");
        assertThat(idJag.scopes()).containsExactly("api.read", "api.write");
        assertThat(idJag.agentPlatform()).contains("claude");
        assertThat(idJag.agentContextId()).contains("ctx-9");
        assertThat(idJag.issuedAt()).isEqualTo(NOW);
        assertThat(idJag.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(idJag.provider().displayName()).isEqualTo("Provider P");
        assertThat(idJag.toString()).doesNotContain("ada@example.com");
    }

    @Test
    void verifyWhenTypHasApplicationPrefixAndOtherCaseThenAccepted() {
        assertThat(verifier.verify(Fixtures.idJagFromP()
                                .type("application/OAuth-ID-JAG+JWT")
                                .mint())
                        .isValid())
                .isTrue();
    }

    @Test
    void verifyWhenAudienceIsSingleElementArrayOrResourceThenAccepted() {
        assertThat(verifier.verify(Fixtures.idJagFromP()
                                .claim("aud", List.of(AS_ISSUER))
                                .mint())
                        .isValid())
                .isTrue();
        assertThat(verifier.verify(Fixtures.idJagFromP()
                                .audience(Fixtures.RESOURCE)
                                .mint())
                        .isValid())
                .isTrue();
    }

    @Test
    void verifyWhenStrictAudienceThenResourceRefused() {
        IdJagVerifier strict = IdJagVerifier.builder(
                        Fixtures.CONFIG.toBuilder().strictAudience(true).build(), world.trustList, world.replay)
                .httpFetcher(world.fetcher)
                .clock(world.clock)
                .build();

        assertThat(strict.verify(Fixtures.idJagFromP()
                                .audience(Fixtures.RESOURCE)
                                .mint())
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INVALID_AUDIENCE);
    }

    @Test
    void verifyWhenClientIdListedOrCimdBoundThenAccepted() {
        assertThat(verifier.verify(Fixtures.idJagFromP().clientId("agent-cli").mint())
                        .isValid())
                .isTrue();
        assertThat(verifier.verify(
                                Fixtures.idJagFromP().clientId(Fixtures.P_CIMD).mint())
                        .isValid())
                .isTrue();
        assertThat(verifier.verify(
                                Fixtures.idJagFromP().clientId(Fixtures.P_CIMD).mint())
                        .isValid())
                .isTrue();
        assertThat(world.fetcher.count(Fixtures.P_CIMD)).as("CIMD cached").isEqualTo(1);
    }

    @Test
    void verifyWhenCimdLookupFailedThenNegativeCacheUntilItsTtl() {
        String missing = P + "/missing.json";
        verifier.verify(Fixtures.idJagFromP().clientId(missing).mint());
        verifier.verify(Fixtures.idJagFromP().clientId(missing).mint());
        assertThat(world.fetcher.count(missing)).isEqualTo(1);

        world.clock.advance(Duration.ofMinutes(5));
        verifier.verify(Fixtures.idJagFromP()
                .clientId(missing)
                .issuedAt(world.clock.instant())
                .mint());
        assertThat(world.fetcher.count(missing)).isEqualTo(2);
    }

    @Test
    void verifyWhenEnterpriseProviderMeetsPolicyThenAccepted() {
        assertThat(verifier.verify(Fixtures.idJagFromR().mint()).isValid()).isTrue();
    }

    @Test
    void verifyWhenPolicyRelaxesVerifiedEmailThenUnverifiedAccepted() {
        TrustList relaxed = TrustList.of(List.of(world.trustList.find(P).orElseThrow().toBuilder()
                .policy(ProviderPolicy.builder()
                        .requireVerifiedEmailOrPhone(false)
                        .build())
                .build()));
        IdJagVerifier v = IdJagVerifier.builder(Fixtures.CONFIG, relaxed, world.replay)
                .httpFetcher(world.fetcher)
                .clock(world.clock)
                .build();

        AssertionResult<VerifiedIdJag> result =
                v.verify(Fixtures.idJagFromP().emailVerified(false).mint());

        assertThat(result.isValid()).isTrue();
        assertThat(result.value().emailVerified()).isFalse();
    }

    @Test
    void verifyWhenVerifiedPhoneOnlyThenAccepted() {
        String token = Fixtures.idJagFromP()
                .withoutClaim("email")
                .withoutClaim("email_verified")
                .phoneNumber("+15550100")
                .phoneNumberVerified(true)
                .mint();

        assertThat(verifier.verify(token).isValid()).isTrue();
    }

    @Test
    void verifyWhenPresentedTwiceThenSecondIsReplay() {
        String token = Fixtures.idJagFromP().mint();

        assertThat(verifier.verify(token).isValid()).isTrue();
        assertThat(verifier.verify(token).rejection().error()).isEqualTo(ProtocolError.REPLAY_DETECTED);
    }

    @Test
    void verifyWhenAcceptedThenReplayEntryKeptUntilExpPlusSkew() {
        verifier.verify(Fixtures.idJagFromP().jti("j-keep").mint());

        assertThat(world.replay.retainedUntil(new ReplayKey("id-jag", P, "j-keep")))
                .isEqualTo(NOW.plusSeconds(300).plus(Fixtures.CONFIG.clockSkew()));
    }

    @Test
    void verifyWhenSameJtiFromAnotherIssuerThenNotAReplay() {
        assertThat(verifier.verify(Fixtures.idJagFromP().jti("shared").mint()).isValid())
                .isTrue();
        assertThat(verifier.verify(Fixtures.idJagFromR().jti("shared").mint()).isValid())
                .isTrue();
    }

    @Test
    void verifyWhenExactlyAtExpThenStillAccepted() {
        world.clock.set(NOW.plusSeconds(300));

        assertThat(verifier.verify(Fixtures.idJagFromP().mint()).isValid()).isTrue();
    }

    @Test
    void verifyWhenOneSecondBeforeExpPlusSkewThenAccepted() {
        world.clock.set(NOW.plusSeconds(300).plus(Fixtures.CONFIG.clockSkew()).minusSeconds(1));

        assertThat(verifier.verify(Fixtures.idJagFromP().mint()).isValid()).isTrue();
    }

    @Test
    void verifyWhenAtExpPlusSkewThenExpired() {
        world.clock.set(NOW.plusSeconds(300).plus(Fixtures.CONFIG.clockSkew()));

        assertThat(verifier.verify(Fixtures.idJagFromP().mint()).rejection().error())
                .isEqualTo(ProtocolError.EXPIRED);
    }

    @Test
    void verifyWhenIatExactlyAtSkewEdgeThenAccepted() {
        Instant iat = NOW.plus(Fixtures.CONFIG.clockSkew());

        assertThat(verifier.verify(Fixtures.idJagFromP().issuedAt(iat).mint()).isValid())
                .isTrue();
    }

    @Test
    void verifyWhenIatOneSecondPastSkewEdgeThenInvalidRequest() {
        Instant iat = NOW.plus(Fixtures.CONFIG.clockSkew()).plusSeconds(1);

        assertThat(verifier.verify(Fixtures.idJagFromP().issuedAt(iat).mint())
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INVALID_REQUEST);
    }

    @Test
    void verifyWhenLifetimeExactlyMaximumThenAcceptedAndOneSecondMoreRefused() {
        Duration max = Fixtures.CONFIG.maxAssertionLifetime();

        assertThat(verifier.verify(Fixtures.idJagFromP().lifetime(max).mint()).isValid())
                .isTrue();
        assertThat(verifier.verify(Fixtures.idJagFromP()
                                .lifetime(max.plusSeconds(1))
                                .mint())
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INVALID_REQUEST);
    }

    @Test
    void verifyWhenAuthTimeAtPolicyEdgeThenAcceptedAndPastItRefused() {
        Duration edge = Duration.ofHours(1).plus(Fixtures.CONFIG.clockSkew());

        assertThat(verifier.verify(
                                Fixtures.idJagFromR().authTime(NOW.minus(edge)).mint())
                        .isValid())
                .isTrue();
        assertThat(verifier.verify(Fixtures.idJagFromR()
                                .authTime(NOW.minus(edge).minusSeconds(1))
                                .mint())
                        .rejection()
                        .error())
                .isEqualTo(ProtocolError.INSUFFICIENT_USER_AUTHENTICATION);
    }

    @Test
    void verifyWhenNullThenNullPointerWithName() {
        assertThatThrownBy(() -> verifier.verify(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("assertion cannot be null");
    }

    @Test
    void builderWhenSharedKeySourceServesAnotherTrustListThenRefused() {
        ProviderKeySource other = ProviderKeySource.create(TrustList.builder().build(), world.fetcher);

        assertThatThrownBy(() -> IdJagVerifier.builder(Fixtures.CONFIG, world.trustList, world.replay)
                        .keySource(other)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another trust list");
    }

    @Test
    void builderWhenAlgorithmIsSymmetricThenRefused() {
        assertThatThrownBy(() -> IdJagVerifier.builder(Fixtures.CONFIG, world.trustList, world.replay)
                        .algorithms(java.util.Set.of("HS256"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subset");
    }

    @Test
    void verifyWhenKeysSharedWithLogoutVerifierThenOneFetch() {
        LogoutTokenVerifier logout =
                world.logoutVerifier().keySource(verifier.keySource()).build();

        assertThat(verifier.verify(Fixtures.idJagFromP().mint()).isValid()).isTrue();
        assertThat(logout.verify(Fixtures.logoutFromP().mint()).isValid()).isTrue();
        assertThat(world.fetcher.count(Fixtures.P_JWKS)).isEqualTo(1);
    }
}
