package dev.authmd.core.internal.jose;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import dev.authmd.core.provider.IdJagMinter;
import dev.authmd.core.provider.ProviderKeys;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwsVerifiersTest {

    private static final ProviderKeys EC = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
    private static final ProviderKeys RSA = ProviderKeys.generate(ProviderKeys.KeyType.RSA_2048);

    @Test
    void detectedWhenBouncyCastleOnClassPathThenEcdsaUsesIt() {
        assertThat(JwsVerifiers.bouncyCastle()).isPresent();
        assertThat(JwsVerifiers.detected().ecProvider()).map(Provider::getName).contains("BC");
    }

    @Test
    void detectedWhenBouncyCastleUsedThenItIsNotRegisteredGlobally() {
        JwsVerifiers.detected();

        assertThat(Security.getProvider("BC")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk-default"})
    void ecWhenValidSignatureThenVerifies(String path) throws Exception {
        JWSVerifier verifier =
                verifiers(path).ec(JWKSet.parse(EC.jwksJson()).getKeys().get(0).toECKey());

        assertThat(JWSObject.parse(token(EC)).verify(verifier)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk-default"})
    void ecWhenPayloadSwappedThenRejected(String path) throws Exception {
        JWSVerifier verifier =
                verifiers(path).ec(JWKSet.parse(EC.jwksJson()).getKeys().get(0).toECKey());
        String[] signed = token(EC).split("\\.");
        String[] other = token(EC).split("\\.");

        assertThat(JWSObject.parse(signed[0] + "." + other[1] + "." + signed[2]).verify(verifier))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk-default"})
    void ecWhenAllZeroSignatureThenRejected(String path) throws Exception {
        // CVE-2022-21449: r = s = 0 must never verify, whichever provider checks it
        JWSVerifier verifier =
                verifiers(path).ec(JWKSet.parse(EC.jwksJson()).getKeys().get(0).toECKey());
        String[] signed = token(EC).split("\\.");
        String zeros = Base64URL.encode(new byte[64]).toString();

        assertThat(JWSObject.parse(signed[0] + "." + signed[1] + "." + zeros).verify(verifier))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk-default"})
    void rsaWhenValidSignatureThenVerifiesWithJdkProvider(String path) throws Exception {
        JWSVerifier verifier = verifiers(path)
                .rsa(JWKSet.parse(RSA.jwksJson()).getKeys().get(0).toRSAKey());

        assertThat(JWSObject.parse(token(RSA)).verify(verifier)).isTrue();
        assertThat(verifier.getJCAContext().getProvider()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk-default"})
    void ecWhenBuiltThenUsesTheChosenProvider(String path) throws Exception {
        JwsVerifiers verifiers = verifiers(path);
        JWSVerifier verifier =
                verifiers.ec(JWKSet.parse(EC.jwksJson()).getKeys().get(0).toECKey());

        assertThat(Optional.ofNullable(verifier.getJCAContext().getProvider())).isEqualTo(verifiers.ecProvider());
    }

    private static JwsVerifiers verifiers(String path) {
        return path.equals("bouncycastle")
                ? new JwsVerifiers(JwsVerifiers.bouncyCastle())
                : new JwsVerifiers(Optional.empty());
    }

    private static String token(ProviderKeys keys) {
        return IdJagMinter.builder(keys)
                .issuer("https://provider.example")
                .subject("user-1")
                .audience("https://api.example.com")
                .mint();
    }
}
