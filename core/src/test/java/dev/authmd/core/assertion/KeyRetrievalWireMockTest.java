package dev.authmd.core.assertion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.authmd.core.fetch.AddressGuard;
import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.core.fetch.GuardedHttpFetcher;
import dev.authmd.core.provider.ClientIdMetadataDocument;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.core.testsupport.MapReplayCache;
import dev.authmd.core.testsupport.MutableClock;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpFetcher;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md#v01-3a-step-4 against a real HTTP provider (WireMock on http://localhost:PORT, allowed explicitly as
 * a development origin): caching by Cache-Control within floor/ceiling, rotation, rate-limited unknown-kid refetch,
 * outages, hostile responses. Every test asserts fetch counts.
 */
@WireMockTest
class KeyRetrievalWireMockTest {

    private static final String AUDIENCE = Fixtures.AS_ISSUER;

    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final MapReplayCache replay = new MapReplayCache();
    private ProviderKeys keys;
    private String issuer;
    private HttpFetcher fetcher;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
        issuer = wm.getHttpBaseUrl();
        fetcher = GuardedHttpFetcher.create(
                AddressGuard.builder().allowOrigin(URI.create(issuer)).build());
    }

    private IdJagVerifier verifier(KeyLocation location, FetchSettings settings) {
        TrustList trust = TrustList.of(List.of(TrustedProvider.builder(issuer)
                .keyLocation(location)
                .acceptCimdClientIds(true)
                .build()));
        return IdJagVerifier.builder(Fixtures.CONFIG, trust, replay)
                .httpFetcher(fetcher)
                .fetchSettings(settings)
                .clock(clock)
                .build();
    }

    private IdJagVerifier pinned() {
        return verifier(KeyLocation.pinned(URI.create(issuer + "/jwks.json")), FetchSettings.defaults());
    }

    private IdJagMinter token(ProviderKeys signer) {
        return IdJagMinter.builder(signer)
                .issuer(issuer)
                .subject("u")
                .audience(AUDIENCE)
                .email("a@example.com")
                .emailVerified(true)
                .issuedAt(clock.instant())
                .jti(UUID.randomUUID().toString());
    }

    private static void serveJwks(String path, ProviderKeys keys, String cacheControl) {
        stubFor(get(path).willReturn(okJson(keys.jwksJson()).withHeader("Cache-Control", cacheControl)));
    }

    private static ProtocolError errorOf(AssertionResult<VerifiedIdJag> result) {
        return result.isValid() ? null : result.rejection().error();
    }

    @Test
    void verifyWhenAHugeKeySetAndNoKidThenRefusedAfterOneDownloadWithoutTryingAndNamedKidsStillWork() throws Exception {
        // security finding 3 over HTTP: a provider publishing 200 keys, and forged tokens naming none
        List<com.nimbusds.jose.jwk.JWK> many = new java.util.ArrayList<>(
                com.nimbusds.jose.jwk.JWKSet.parse(keys.jwksJson()).getKeys());
        for (int i = 0; i < 199; i++) {
            many.addAll(com.nimbusds.jose.jwk.JWKSet.parse(
                            ProviderKeys.generate(ProviderKeys.KeyType.EC_P256).jwksJson())
                    .getKeys());
        }
        String jwks = new com.nimbusds.jose.jwk.JWKSet(many).toString();
        stubFor(get("/jwks.json").willReturn(okJson(jwks).withHeader("Cache-Control", "max-age=3600")));
        IdJagVerifier verifier = verifier(
                KeyLocation.pinned(URI.create(issuer + "/jwks.json")),
                FetchSettings.builder().maxBodyBytes(256 * 1024).build());

        for (int i = 0; i < 20; i++) {
            assertThat(errorOf(verifier.verify(token(keys).keyId(null).mint())))
                    .isEqualTo(ProtocolError.INVALID_SIGNATURE);
        }
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenKeyRotatedThenUnknownKidFoundAfterOneRefetch() {
        serveJwks("/jwks.json", keys, "max-age=3600");
        IdJagVerifier verifier = pinned();
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));

        ProviderKeys rotated = keys.rotate();
        serveJwks("/jwks.json", rotated, "max-age=3600");

        assertThat(verifier.verify(token(rotated).mint()).isValid()).isTrue();
        assertThat(verifier.verify(token(keys).mint()).isValid())
                .as("previous key still published")
                .isTrue();
        assertThat(verifier.verify(token(rotated).mint()).isValid()).isTrue();
        verify(exactly(2), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenFloodOfUnknownKidsThenAtMostOneRefetchPerWindow() {
        serveJwks("/jwks.json", keys, "max-age=86400");
        IdJagVerifier verifier = pinned();
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();
        ProviderKeys stranger = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

        for (int i = 0; i < 50; i++) {
            assertThat(errorOf(verifier.verify(token(stranger).mint()))).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        }
        verify(exactly(2), getRequestedFor(urlEqualTo("/jwks.json")));

        clock.advance(Duration.ofSeconds(29));
        for (int i = 0; i < 50; i++) {
            verifier.verify(token(stranger).mint());
        }
        verify(exactly(2), getRequestedFor(urlEqualTo("/jwks.json")));

        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 50; i++) {
            verifier.verify(token(stranger).mint());
        }
        verify(exactly(3), getRequestedFor(urlEqualTo("/jwks.json")));
        assertThat(verifier.verify(token(keys).mint()).isValid())
                .as("known keys unaffected")
                .isTrue();
        verify(exactly(3), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenCacheControlMaxAgeThenKeysKeptThatLong() {
        serveJwks("/jwks.json", keys, "public, max-age=3600");
        IdJagVerifier verifier = pinned();
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();

        clock.advance(Duration.ofMinutes(59));
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));

        clock.advance(Duration.ofMinutes(1));
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();
        verify(exactly(2), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenMaxAgeBelowFloorOrMissingThenFloorApplies() {
        serveJwks("/jwks.json", keys, "max-age=5");
        IdJagVerifier verifier = pinned();
        verifier.verify(token(keys).mint());
        clock.advance(Duration.ofMinutes(9));
        verifier.verify(token(keys).mint());
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));

        stubFor(get("/jwks.json").willReturn(okJson(keys.jwksJson())));
        clock.advance(Duration.ofMinutes(1));
        verifier.verify(token(keys).mint());
        verify(exactly(2), getRequestedFor(urlEqualTo("/jwks.json")));

        clock.advance(Duration.ofMinutes(9));
        verifier.verify(token(keys).mint());
        verify(exactly(2), getRequestedFor(urlEqualTo("/jwks.json")));
        clock.advance(Duration.ofMinutes(1));
        verifier.verify(token(keys).mint());
        verify(exactly(3), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenMaxAgeAboveCeilingThenCeilingApplies() {
        serveJwks("/jwks.json", keys, "max-age=604800");
        IdJagVerifier verifier = pinned();
        verifier.verify(token(keys).mint());
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        verifier.verify(token(keys).mint());
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));

        clock.advance(Duration.ofSeconds(1));
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();
        verify(exactly(2), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenProviderDownAfterExpiryThenStaleKeysServeThroughTheOutage() {
        serveJwks("/jwks.json", keys, "max-age=600");
        IdJagVerifier verifier = pinned();
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();

        stubFor(get("/jwks.json").willReturn(aResponse().withStatus(503)));
        clock.advance(Duration.ofMinutes(11));
        assertThat(verifier.verify(token(keys).mint()).isValid())
                .as("stale keys serve")
                .isTrue();
        verify(exactly(2), getRequestedFor(urlEqualTo("/jwks.json")));

        clock.advance(Duration.ofSeconds(10));
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();
        verify(exactly(2), getRequestedFor(urlEqualTo("/jwks.json")));

        clock.set(Fixtures.NOW
                .plus(Duration.ofMinutes(10))
                .plus(Duration.ofHours(1))
                .minusSeconds(1));
        assertThat(verifier.verify(token(keys).mint()).isValid())
                .as("still within the 1 h tolerance")
                .isTrue();

        clock.set(Fixtures.NOW.plus(Duration.ofMinutes(10)).plus(Duration.ofHours(1)));
        assertThat(errorOf(verifier.verify(token(keys).mint())))
                .as("outage longer than the tolerance")
                .isEqualTo(ProtocolError.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenProviderRecoversAfterOutageThenFreshKeysUsed() {
        serveJwks("/jwks.json", keys, "max-age=600");
        IdJagVerifier verifier = pinned();
        verifier.verify(token(keys).mint());
        stubFor(get("/jwks.json").willReturn(aResponse().withStatus(500)));
        clock.advance(Duration.ofMinutes(11));
        verifier.verify(token(keys).mint());

        ProviderKeys rotated = keys.rotate();
        serveJwks("/jwks.json", rotated, "max-age=600");
        clock.advance(Duration.ofSeconds(31));

        assertThat(verifier.verify(token(rotated).mint()).isValid()).isTrue();
        verify(exactly(3), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenJwksAnswers500ThenInvalidSignature() {
        stubFor(get("/jwks.json").willReturn(aResponse().withStatus(500).withBody("oops")));

        assertThat(errorOf(pinned().verify(token(keys).mint()))).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenJwksIsGarbageThenInvalidSignature() {
        stubFor(get("/jwks.json").willReturn(okJson("{\"keys\": \"nope\"")));

        assertThat(errorOf(pinned().verify(token(keys).mint()))).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenJwksOversizedThenRefusedWithoutReadingIt() {
        String huge = "{\"keys\":[],\"pad\":\"" + "x".repeat(100 * 1024) + "\"}";
        stubFor(get("/jwks.json").willReturn(okJson(huge)));

        assertThat(errorOf(pinned().verify(token(keys).mint()))).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenJwksTooSlowThenTimeoutGivesInvalidSignature() {
        stubFor(get("/jwks.json").willReturn(okJson(keys.jwksJson()).withFixedDelay(3000)));
        FetchSettings quick = FetchSettings.builder()
                .connectTimeout(Duration.ofMillis(300))
                .readTimeout(Duration.ofMillis(300))
                .build();

        long start = System.nanoTime();
        AssertionResult<VerifiedIdJag> result = verifier(KeyLocation.pinned(URI.create(issuer + "/jwks.json")), quick)
                .verify(token(keys).mint());

        assertThat(errorOf(result)).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void verifyWhenJwksRedirectsToLoopbackThenNotFollowed() {
        String port = issuer.substring(issuer.lastIndexOf(':') + 1);
        stubFor(get("/jwks.json")
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "http://127.0.0.1:" + port + "/internal/jwks.json")));
        serveJwks("/internal/jwks.json", keys, "max-age=600");

        assertThat(errorOf(pinned().verify(token(keys).mint()))).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        verify(exactly(1), getRequestedFor(urlEqualTo("/jwks.json")));
        verify(exactly(0), getRequestedFor(urlEqualTo("/internal/jwks.json")));
    }

    @Test
    void verifyWhenIssuerUntrustedThenNoRequestAtAll() {
        serveJwks("/jwks.json", keys, "max-age=600");
        serveJwks("/.well-known/jwks.json", keys, "max-age=600");

        AssertionResult<VerifiedIdJag> result =
                pinned().verify(token(keys).issuer(issuer + "/other").mint());

        assertThat(errorOf(result)).isEqualTo(ProtocolError.INVALID_ISSUER);
        verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void verifyWhenDevelopmentOriginNotAllowedThenGuardRefusesWithoutRequest() {
        serveJwks("/jwks.json", keys, "max-age=600");
        fetcher = GuardedHttpFetcher.create(AddressGuard.strict());

        assertThat(errorOf(pinned().verify(token(keys).mint()))).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void verifyWhenKeysFromRfc8414MetadataThenMetadataAndJwksFetchedOnce() {
        stubFor(get("/.well-known/oauth-authorization-server")
                .willReturn(okJson("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/keys\"}")));
        serveJwks("/keys", keys, "max-age=600");
        IdJagVerifier verifier = verifier(KeyLocation.issuerMetadata(), FetchSettings.defaults());

        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();
        assertThat(verifier.verify(token(keys).mint()).isValid()).isTrue();

        verify(exactly(1), getRequestedFor(urlEqualTo("/.well-known/oauth-authorization-server")));
        verify(exactly(1), getRequestedFor(urlEqualTo("/keys")));
        verify(exactly(0), getRequestedFor(urlEqualTo("/.well-known/openid-configuration")));
    }

    @Test
    void verifyWhenOnlyOpenIdMetadataThenItsJwksUriUsed() {
        stubFor(get("/.well-known/oauth-authorization-server").willReturn(notFound()));
        stubFor(get("/.well-known/openid-configuration")
                .willReturn(okJson("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/oidc-keys\"}")));
        serveJwks("/oidc-keys", keys, "max-age=600");

        assertThat(verifier(KeyLocation.issuerMetadata(), FetchSettings.defaults())
                        .verify(token(keys).mint())
                        .isValid())
                .isTrue();
        verify(exactly(1), getRequestedFor(urlEqualTo("/oidc-keys")));
    }

    @Test
    void verifyWhenNoMetadataThenConventionalPathUsed() {
        stubFor(get("/.well-known/oauth-authorization-server").willReturn(notFound()));
        stubFor(get("/.well-known/openid-configuration").willReturn(notFound()));
        serveJwks("/.well-known/jwks.json", keys, "max-age=600");

        assertThat(verifier(KeyLocation.issuerMetadata(), FetchSettings.defaults())
                        .verify(token(keys).mint())
                        .isValid())
                .isTrue();
        assertThat(verifier(KeyLocation.conventionalPath(), FetchSettings.defaults())
                        .verify(token(keys).mint())
                        .isValid())
                .isTrue();
        verify(exactly(2), getRequestedFor(urlEqualTo("/.well-known/jwks.json")));
        verify(exactly(1), getRequestedFor(urlEqualTo("/.well-known/oauth-authorization-server")));
    }

    @Test
    void verifyWhenMetadataNamesAnotherIssuerThenInvalidSignatureAndLookupNotRepeatedAtOnce() {
        stubFor(get("/.well-known/oauth-authorization-server")
                .willReturn(
                        okJson("{\"issuer\":\"https://someone-else.example\",\"jwks_uri\":\"" + issuer + "/keys\"}")));
        serveJwks("/keys", keys, "max-age=600");
        IdJagVerifier verifier = verifier(KeyLocation.issuerMetadata(), FetchSettings.defaults());

        assertThat(errorOf(verifier.verify(token(keys).mint()))).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        assertThat(errorOf(verifier.verify(token(keys).mint()))).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        verify(exactly(1), getRequestedFor(urlEqualTo("/.well-known/oauth-authorization-server")));
        verify(exactly(0), getRequestedFor(urlEqualTo("/keys")));
    }

    @Test
    void verifyWhenCimdNamesTheSigningJwksThenAcceptedAndCachedByMaxAge() {
        serveJwks("/jwks.json", keys, "max-age=600");
        String clientId = issuer + "/client.json";
        stubFor(get("/client.json")
                .willReturn(okJson(ClientIdMetadataDocument.builder(URI.create(clientId))
                                .clientName("Agent")
                                .jwksUri(URI.create(issuer + "/jwks.json"))
                                .build()
                                .toJson())
                        .withHeader("Cache-Control", "max-age=1200")));
        IdJagVerifier verifier = pinned();

        assertThat(verifier.verify(token(keys).clientId(clientId).mint()).isValid())
                .isTrue();
        clock.advance(Duration.ofMinutes(19));
        assertThat(verifier.verify(token(keys).clientId(clientId).mint()).isValid())
                .isTrue();
        verify(exactly(1), getRequestedFor(urlEqualTo("/client.json")));

        clock.advance(Duration.ofMinutes(1));
        assertThat(verifier.verify(token(keys).clientId(clientId).mint()).isValid())
                .isTrue();
        verify(exactly(2), getRequestedFor(urlEqualTo("/client.json")));
    }

    @Test
    void verifyWhenCimdNamesAnotherJwksThenInvalidClientId() {
        serveJwks("/jwks.json", keys, "max-age=600");
        String clientId = issuer + "/client.json";
        stubFor(get("/client.json")
                .willReturn(okJson(ClientIdMetadataDocument.builder(URI.create(clientId))
                        .jwksUri(URI.create(issuer + "/other-jwks.json"))
                        .build()
                        .toJson())));

        assertThat(errorOf(pinned().verify(token(keys).clientId(clientId).mint())))
                .isEqualTo(ProtocolError.INVALID_CLIENT_ID);
        verify(exactly(1), getRequestedFor(urlEqualTo("/client.json")));
        verify(exactly(0), getRequestedFor(urlEqualTo("/other-jwks.json")));
    }
}
