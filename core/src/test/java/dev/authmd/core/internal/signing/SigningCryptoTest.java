package dev.authmd.core.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.internal.jose.EcProviders;
import dev.authmd.core.internal.jose.JwsVerifiers;
import dev.authmd.core.signing.InMemorySigningKeySource;
import dev.authmd.spi.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningCryptoTest {

    private static final Instant T0 = Instant.parse("2026-05-04T12:00:00Z");

    private final SigningCrypto jdk = new SigningCrypto(new JwsVerifiers(Optional.empty()));
    private final SigningCrypto detected = new SigningCrypto();

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "PS256"})
    void signWhenEitherProviderThenTheOtherVerifiesAndATamperedInputFails(String alg) throws Exception {
        SigningKey key = InMemorySigningKeySource.newKey(alg, T0, T0);
        JWSHeader header = new JWSHeader(JWSAlgorithm.parse(alg));
        byte[] input = (header.toBase64URL() + ".eyJzdWIiOiJ4In0").getBytes(StandardCharsets.US_ASCII);
        byte[] tampered = (header.toBase64URL() + ".eyJzdWIiOiJ5In0").getBytes(StandardCharsets.US_ASCII);

        Base64URL byJdk = jdk.signer(key).sign(header, input);
        Base64URL byDetected = detected.signer(key).sign(header, input);

        assertThat(detected.verifier(key).verify(header, input, byJdk)).isTrue();
        assertThat(jdk.verifier(key).verify(header, input, byDetected)).isTrue();
        assertThat(detected.verifier(key).verify(header, tampered, byJdk)).isFalse();
        assertThat(jdk.verifier(key).verify(header, tampered, byDetected)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"accp", "conscrypt", "bouncycastle"})
    void es256WhenSignedThroughEachProviderThenTheJdkVerifiesAndATamperedInputFails(String path) throws Exception {
        SigningCrypto through = new SigningCrypto(new JwsVerifiers(EcProviders.Candidate.byKey(path)
                .flatMap(EcProviders::load)
                .orElseThrow()
                .provider()));
        SigningKey key = InMemorySigningKeySource.newKey("ES256", T0, T0);
        JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
        byte[] input = (header.toBase64URL() + ".eyJzdWIiOiJ4In0").getBytes(StandardCharsets.US_ASCII);
        byte[] tampered = (header.toBase64URL() + ".eyJzdWIiOiJ5In0").getBytes(StandardCharsets.US_ASCII);

        Base64URL signature = through.signer(key).sign(header, input);

        assertThat(jdk.verifier(key).verify(header, input, signature)).isTrue();
        assertThat(through.verifier(key).verify(header, input, jdk.signer(key).sign(header, input)))
                .isTrue();
        assertThat(through.verifier(key).verify(header, tampered, signature)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256"})
    void signerWhenAskedTwiceForOneKeyThenTheSameInstance(String alg) throws Exception {
        SigningKey key = InMemorySigningKeySource.newKey(alg, T0, T0);

        assertThat(detected.signer(key)).isSameAs(detected.signer(key));
        assertThat(detected.verifier(key)).isSameAs(detected.verifier(key));
    }
}
