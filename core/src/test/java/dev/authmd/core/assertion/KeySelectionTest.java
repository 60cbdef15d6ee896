package dev.authmd.core.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.testsupport.JwtForge;
import dev.authmd.core.trust.KeyLocation;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.protocol.error.ProtocolError;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-3a-step-4: the key's type, use and alg must fit the header. */
class KeySelectionTest {

    private static String publishedAs(KeyUse use, JWSAlgorithm alg) throws Exception {
        ECKey key = ECKey.parse(
                JWKSet.parse(Fixtures.P_KEYS.jwksJson()).getKeys().get(0).toJSONObject());
        return new JWKSet(new ECKey.Builder(key).keyUse(use).algorithm(alg).build()).toString();
    }

    private static ProtocolError verifyWithJwks(String jwks) {
        Fixtures world = new Fixtures();
        world.fetcher.json(Fixtures.P_JWKS, jwks);
        AssertionResult<VerifiedIdJag> result =
                world.idJagVerifier().verify(Fixtures.idJagFromP().mint());
        return result.isValid() ? null : result.rejection().error();
    }

    @Test
    void verifyWhenKeyPublishedForEncryptionThenInvalidSignature() throws Exception {
        assertThat(verifyWithJwks(publishedAs(KeyUse.ENCRYPTION, JWSAlgorithm.ES256)))
                .isEqualTo(ProtocolError.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenKeyPublishedForAnotherAlgorithmThenInvalidSignature() throws Exception {
        assertThat(verifyWithJwks(publishedAs(KeyUse.SIGNATURE, JWSAlgorithm.ES384)))
                .isEqualTo(ProtocolError.INVALID_SIGNATURE);
    }

    @Test
    void verifyWhenKeyWithoutUseAndAlgThenAccepted() throws Exception {
        assertThat(verifyWithJwks(publishedAs(null, null))).isNull();
    }

    @Test
    void verifyWhenRsaKeyShorterThan2048BitsThenInvalidSignature() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair pair = generator.generateKeyPair();
        RSAKey weak = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .keyID("weak")
                .build();
        Fixtures world = new Fixtures();
        world.fetcher.json(Fixtures.P_JWKS, new JWKSet(weak).toString());
        TrustList rsaTrust = TrustList.of(List.of(world.trustList.find(Fixtures.P).orElseThrow().toBuilder()
                .algorithms(List.of("RS256"))
                .build()));
        IdJagVerifier verifier = IdJagVerifier.builder(Fixtures.CONFIG, rsaTrust, world.replay)
                .httpFetcher(world.fetcher)
                .clock(world.clock)
                .build();
        java.util.Map<String, Object> header = Fixtures.header("RS256");
        header.put("kid", "weak");
        String input = JwtForge.b64(JwtForge.json(header)) + "." + JwtForge.b64(JwtForge.json(Fixtures.claims()));
        Base64URL signature = new RSASSASigner((RSAPrivateKey) pair.getPrivate(), true)
                .sign(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .type(new JOSEObjectType("oauth-id-jag+jwt"))
                                .build(),
                        input.getBytes(StandardCharsets.US_ASCII));

        AssertionResult<VerifiedIdJag> result = verifier.verify(input + "." + signature);

        assertThat(result.rejection().error()).isEqualTo(ProtocolError.INVALID_SIGNATURE);
        assertThatThrownBy(() -> TrustedProvider.builder("https://weak.example")
                        .keyLocation(KeyLocation.inline(new JWKSet(weak).toString()))
                        .build())
                .hasMessageContaining("2048");
    }
}
