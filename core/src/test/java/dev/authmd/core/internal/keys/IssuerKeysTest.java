package dev.authmd.core.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.core.fetch.KeyCacheListener;
import dev.authmd.core.internal.fetch.DocumentFetcher;
import dev.authmd.core.internal.keys.IssuerKeys.Status;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.spi.http.FetchResponse;
import dev.authmd.spi.http.HttpFetcher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Where an issuer's keys come from and when they are looked up again: RFC 8414 then OpenID metadata, the conventional
 * path only when both are absent, a refused {@code jwks_uri}, a failed look-up retried once per refetch interval, the
 * previous location kept through a metadata outage; and which keys count as usable when a token names no {@code kid}.
 */
class IssuerKeysTest {

    private static final String ISSUER = "https://agents.example";
    private static final String RFC8414 = "https://agents.example/.well-known/oauth-authorization-server";
    private static final String OPENID = "https://agents.example/.well-known/openid-configuration";
    private static final String CONVENTIONAL = "https://agents.example/.well-known/jwks.json";
    private static final String PINNED = "https://keys.agents.example/jwks.json";
    private static final long T0 = 1_800_000_000_000L;
    private static final FetchSettings SETTINGS = FetchSettings.builder()
            .cacheTtlCeiling(Duration.ofMinutes(10))
            .refetchInterval(Duration.ofSeconds(30))
            .build();

    private final Documents web = new Documents();
    private final Lookups lookups = new Lookups();
    private final ECKey ecKey = ecKey("ec-1");

    @Test
    void verifyWhenBothMetadataDocumentsAreGoneThenTheConventionalPathServesTheKeys() throws JOSEException {
        web.answer(RFC8414, 404, "").answer(OPENID, 410, "").answer(CONVENTIONAL, 200, jwks(ecKey));

        IssuerKeys.SignatureCheck check = verify(keys(KeyLocation.issuerMetadata()), es256(ecKey, true), T0);

        assertThat(check.status()).isEqualTo(Status.VERIFIED);
        assertThat(check.jwksUri()).contains(URI.create(CONVENTIONAL));
    }

    @Test
    void verifyWhenMetadataFailsWithAServerErrorThenKeysUnavailableAndTheConventionalPathNotTried()
            throws JOSEException {
        web.answer(RFC8414, 500, "").answer(CONVENTIONAL, 200, jwks(ecKey));

        assertThat(verify(keys(KeyLocation.issuerMetadata()), es256(ecKey, true), T0)
                        .status())
                .isEqualTo(Status.KEYS_UNAVAILABLE);
        assertThat(web.count(CONVENTIONAL)).isZero();
    }

    @Test
    void verifyWhenMetadataNamesARelativeOrNonHttpOrHostlessJwksUriThenKeysUnavailable() throws JOSEException {
        for (String jwksUri : List.of("/jwks.json", "ftp://agents.example/jwks.json", "https:/jwks.json")) {
            Documents web =
                    new Documents().answer(RFC8414, 200, metadata(jwksUri)).answer(CONVENTIONAL, 200, jwks(ecKey));

            IssuerKeys keys =
                    new IssuerKeys(ISSUER, KeyLocation.issuerMetadata(), new DocumentFetcher(web, SETTINGS), lookups);

            assertThat(verify(keys, es256(ecKey, true), T0).status())
                    .as(jwksUri)
                    .isEqualTo(Status.KEYS_UNAVAILABLE);
        }
    }

    @Test
    void verifyWhenMetadataFailedThenNotAskedAgainWithinTheRefetchIntervalAndAskedAgainAfter() throws JOSEException {
        web.answer(RFC8414, 500, "");
        IssuerKeys keys = keys(KeyLocation.issuerMetadata());
        Signed token = es256(ecKey, true);

        verify(keys, token, T0);
        assertThat(verify(keys, token, T0 + 29_999).status()).isEqualTo(Status.KEYS_UNAVAILABLE);
        assertThat(web.count(RFC8414)).isEqualTo(1);

        web.answer(RFC8414, 200, metadata(PINNED)).answer(PINNED, 200, jwks(ecKey));
        assertThat(verify(keys, token, T0 + 30_000).status()).isEqualTo(Status.VERIFIED);
        assertThat(web.count(RFC8414)).isEqualTo(2);
    }

    @Test
    void verifyWhenTheLocationIsDueAndMetadataIsDownThenThePreviousLocationKeepsServing() throws JOSEException {
        web.answer(RFC8414, 200, metadata(PINNED)).answer(PINNED, 200, jwks(ecKey));
        IssuerKeys keys = keys(KeyLocation.issuerMetadata());
        Signed token = es256(ecKey, true);
        assertThat(verify(keys, token, T0).status()).isEqualTo(Status.VERIFIED);

        web.answer(RFC8414, 503, "");
        long due = T0 + SETTINGS.cacheTtlCeiling().toMillis();

        assertThat(verify(keys, token, due).status()).isEqualTo(Status.VERIFIED);
        assertThat(web.count(RFC8414)).isEqualTo(2);
    }

    @Test
    void verifyWhenTheLocationIsNotYetDueThenMetadataNotFetchedAgainAndAtTheCeilingItIs() throws JOSEException {
        web.answer(RFC8414, 200, metadata(PINNED)).answer(PINNED, 200, jwks(ecKey));
        IssuerKeys keys = keys(KeyLocation.issuerMetadata());
        Signed token = es256(ecKey, true);
        long due = T0 + SETTINGS.cacheTtlCeiling().toMillis();

        verify(keys, token, T0);
        verify(keys, token, due - 1);
        assertThat(web.count(RFC8414)).isEqualTo(1);

        verify(keys, token, due);
        assertThat(web.count(RFC8414)).isEqualTo(2);
    }

    @Test
    void verifyWhenNoKidAndOnlyOneRsaKeyIsLongEnoughThenThatKeyVerifies() throws Exception {
        RSAKey strong = new RSAKeyGenerator(2048).keyID("rsa-2048").generate();
        RSAKey weak = rsa1024("rsa-1024");
        IssuerKeys keys = new IssuerKeys(
                ISSUER,
                KeyLocation.inline(new JWKSet(List.of(strong.toPublicJWK(), weak.toPublicJWK())).toString()),
                new DocumentFetcher(web, SETTINGS),
                lookups);

        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("{\"iss\":\"x\"}"));
        jws.sign(new RSASSASigner(strong));

        assertThat(keys.verify(jws.getHeader(), jws.getSigningInput(), jws.getSignature(), T0)
                        .status())
                .isEqualTo(Status.VERIFIED);
    }

    @Test
    void verifyWhenNoKidAndTwoUsableKeysThenKidRequiredWithoutTryingEither() throws JOSEException {
        ECKey second = ecKey("ec-2");
        web.answer(PINNED, 200, jwks(ecKey, second));

        IssuerKeys.SignatureCheck check = verify(keys(KeyLocation.pinned(URI.create(PINNED))), es256(ecKey, false), T0);

        assertThat(check.status()).isEqualTo(Status.KID_REQUIRED);
    }

    @Test
    void verifyWhenKeysComeFromTheCacheOrAreMissingThenTheListenerHearsHitsAndMisses() throws JOSEException {
        web.answer(PINNED, 200, jwks(ecKey));
        IssuerKeys keys = keys(KeyLocation.pinned(URI.create(PINNED)));

        verify(keys, es256(ecKey, true), T0);
        verify(keys, es256(ecKey, true), T0 + 1);
        verify(keys, es256(ecKey("unknown"), true), T0 + 2);

        assertThat(lookups.seen).containsExactly(false, true, false);
    }

    @Test
    void verifyWhenTheJwksCannotBeFetchedThenUnavailableAndTheListenerHearsAMiss() throws JOSEException {
        web.answer(PINNED, 500, "");

        assertThat(verify(keys(KeyLocation.pinned(URI.create(PINNED))), es256(ecKey, true), T0)
                        .status())
                .isEqualTo(Status.KEYS_UNAVAILABLE);
        assertThat(lookups.seen).containsExactly(false);
    }

    // ------------------------------------------------------------------------------ fixtures

    private IssuerKeys keys(KeyLocation location) {
        return new IssuerKeys(ISSUER, location, new DocumentFetcher(web, SETTINGS), lookups);
    }

    private record Signed(JWSHeader header, byte[] signingInput, com.nimbusds.jose.util.Base64URL signature) {}

    private static Signed es256(ECKey key, boolean withKid) throws JOSEException {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256);
        if (withKid) {
            header.keyID(key.getKeyID());
        }
        JWSObject jws = new JWSObject(header.build(), new Payload("{\"iss\":\"" + ISSUER + "\"}"));
        jws.sign(new ECDSASigner(key));
        return new Signed(jws.getHeader(), jws.getSigningInput(), jws.getSignature());
    }

    private static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsa1024(String kid) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair pair = generator.generateKeyPair();
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(kid)
                .build();
    }

    private static String jwks(ECKey... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    private static String metadata(String jwksUri) {
        return "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + jwksUri + "\"}";
    }

    /** The issuer's web server: a status and a body per URL, and how often each was asked for. */
    private static final class Documents implements HttpFetcher {
        private final Map<URI, FetchResponse> answers = new ConcurrentHashMap<>();
        private final Map<URI, AtomicInteger> counts = new ConcurrentHashMap<>();

        Documents answer(String uri, int status, String body) {
            answers.put(
                    URI.create(uri),
                    new FetchResponse(
                            status,
                            Map.of("content-type", List.of("application/json")),
                            body.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        int count(String uri) {
            AtomicInteger count = counts.get(URI.create(uri));
            return count == null ? 0 : count.get();
        }

        @Override
        public FetchResponse fetch(dev.authmd.spi.http.FetchRequest request) {
            counts.computeIfAbsent(request.uri(), u -> new AtomicInteger()).incrementAndGet();
            return answers.getOrDefault(request.uri(), new FetchResponse(404, Map.of(), new byte[0]));
        }
    }

    /** Records every key lookup: true for a cache hit. */
    private static final class Lookups implements KeyCacheListener {
        final List<Boolean> seen = new CopyOnWriteArrayList<>();

        @Override
        public void lookup(boolean hit) {
            seen.add(hit);
        }
    }

    private IssuerKeys.SignatureCheck verify(IssuerKeys keys, Signed token, long now) {
        return keys.verify(token.header(), token.signingInput(), token.signature(), now);
    }
}
