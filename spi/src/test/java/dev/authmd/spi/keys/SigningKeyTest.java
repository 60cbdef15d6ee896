package dev.authmd.spi.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static KeyPair p256;
    private static KeyPair p384;
    private static KeyPair rsa2048;
    private static KeyPair rsa1024;
    private static KeyPair otherRsa2048;

    @BeforeAll
    static void keys() throws Exception {
        p256 = ec("secp256r1");
        p384 = ec("secp384r1");
        rsa2048 = rsa(2048);
        rsa1024 = rsa(1024);
        otherRsa2048 = rsa(2048);
    }

    @Test
    void constructorWhenKeyMatchesItsAlgorithmThenAccepted() {
        assertThat(key("ES256", p256).algorithm()).isEqualTo("ES256");
        assertThat(key("RS256", rsa2048).algorithm()).isEqualTo("RS256");
        assertThat(key("PS256", rsa2048).algorithm()).isEqualTo("PS256");
    }

    @Test
    void constructorWhenAlgorithmOrKeyWrongThenRefusedWithTheReason() {
        assertThatThrownBy(() -> key("HS256", p256))
                .hasMessage("algorithm must be one of " + SigningKey.ALGORITHMS + ": HS256");
        assertThatThrownBy(() -> key("none", p256)).hasMessageStartingWith("algorithm must be one of");
        assertThatThrownBy(() -> key("ES256", rsa2048)).hasMessage("ES256 needs an EC key pair");
        assertThatThrownBy(() -> key("ES256", p384)).hasMessage("ES256 needs a key on the P-256 curve");
        assertThatThrownBy(() -> key("RS256", p256)).hasMessage("RS256 needs an RSA key pair");
        assertThatThrownBy(() -> key("PS256", rsa1024)).hasMessage("PS256 needs an RSA key of at least 2048 bits");
        assertThatThrownBy(() -> new SigningKey("RS256", rsa2048.getPrivate(), otherRsa2048.getPublic(), T0, T0, null))
                .hasMessage("the private and public RSA keys are not a pair");
        assertThatThrownBy(() -> new SigningKey("ES256", p256.getPrivate(), rsa2048.getPublic(), T0, T0, null))
                .hasMessage("ES256 needs an EC key pair");
    }

    @Test
    void constructorWhenScheduleOutOfOrderThenRefused() {
        assertThatThrownBy(() ->
                        new SigningKey("ES256", p256.getPrivate(), p256.getPublic(), T0, T0.minusSeconds(1), null))
                .hasMessage("activeFrom cannot be before publishedAt");
        assertThatThrownBy(() -> new SigningKey("ES256", p256.getPrivate(), p256.getPublic(), T0, T0, T0))
                .hasMessage("retiredAt must be after activeFrom");
        assertThatThrownBy(() -> new SigningKey("ES256", p256.getPrivate(), p256.getPublic(), null, T0, null))
                .hasMessage("publishedAt cannot be null");
        assertThatThrownBy(() -> new SigningKey(null, p256.getPrivate(), p256.getPublic(), T0, T0, null))
                .hasMessage("algorithm cannot be null");
    }

    @Test
    void toStringWhenPrintedThenShowsTheScheduleNeverTheKey() {
        SigningKey key = new SigningKey("ES256", p256.getPrivate(), p256.getPublic(), T0, T0, T0.plusSeconds(60));
        assertThat(key.toString())
                .isEqualTo("SigningKey[ES256, published 2026-12-01T00:00:00Z, active from 2026-12-01T00:00:00Z,"
                        + " retired 2026-12-01T00:01:00Z]");
    }

    private static SigningKey key(String algorithm, KeyPair pair) {
        return new SigningKey(algorithm, pair.getPrivate(), pair.getPublic(), T0, T0, null);
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }
}
