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
    void detectedWhenEveryProviderIsOnTheClassPathThenTheFastestNativeOneWins() {
        assertThat(JwsVerifiers.bouncyCastle()).isPresent();
        assertThat(JwsVerifiers.detectedCandidate()).isEqualTo(EcProviders.Candidate.ACCP);
        assertThat(JwsVerifiers.detected().ecProvider())
                .map(Provider::getName)
                .contains("AmazonCorrettoCryptoProvider");
    }

    @Test
    void detectedWhenProvidersLoadedThenNoneIsRegisteredGlobally() {
        JwsVerifiers.detected();
        EcProviders.load(EcProviders.Candidate.CONSCRYPT);

        assertThat(Security.getProvider("BC")).isNull();
        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
        assertThat(Security.getProvider("Conscrypt")).isNull();
    }

    @Test
    void chooseWhenPinnedThenThatOneAndWhenPinnedToSomethingUnknownThenTheJdk() {
        assertThat(EcProviders.choose("conscrypt").candidate()).isEqualTo(EcProviders.Candidate.CONSCRYPT);
        assertThat(EcProviders.choose(" BouncyCastle ").candidate()).isEqualTo(EcProviders.Candidate.BOUNCY_CASTLE);
        assertThat(EcProviders.choose("jdk").provider()).isEmpty();
        assertThat(EcProviders.choose("no-such-provider").candidate()).isEqualTo(EcProviders.Candidate.JDK);
        assertThat(EcProviders.choose(null).candidate()).isEqualTo(EcProviders.Candidate.ACCP);
    }

    @Test
    void selfTestWhenAProviderAcceptsAnythingThenItIsPassedOverWhileTheSameProviderHonestPasses() {
        assertThat(EcProviders.selfTest(delegating("Honest", Honest.class))).isTrue();
        assertThat(EcProviders.selfTest(delegating("Lax", AcceptAll.class))).isFalse();
    }

    private static Provider delegating(String name, Class<?> signature) {
        return new Provider(name, "1", "delegates to the JDK") {
            private static final long serialVersionUID = 1L;

            {
                putService(new Service(this, "Signature", "SHA256withECDSA", signature.getName(), null, null));
                putService(new Service(this, "KeyFactory", "EC", JdkKeyFactory.class.getName(), null, null));
            }
        };
    }

    /** The JDK's EC key factory, under another provider's name. */
    public static final class JdkKeyFactory extends java.security.KeyFactorySpi {
        private final java.security.KeyFactory jdk;

        public JdkKeyFactory() throws java.security.NoSuchAlgorithmException {
            jdk = java.security.KeyFactory.getInstance("EC");
        }

        @Override
        protected java.security.PublicKey engineGeneratePublic(java.security.spec.KeySpec spec)
                throws java.security.spec.InvalidKeySpecException {
            return jdk.generatePublic(spec);
        }

        @Override
        protected java.security.PrivateKey engineGeneratePrivate(java.security.spec.KeySpec spec)
                throws java.security.spec.InvalidKeySpecException {
            return jdk.generatePrivate(spec);
        }

        @Override
        protected <T extends java.security.spec.KeySpec> T engineGetKeySpec(java.security.Key key, Class<T> spec)
                throws java.security.spec.InvalidKeySpecException {
            return jdk.getKeySpec(key, spec);
        }

        @Override
        protected java.security.Key engineTranslateKey(java.security.Key key) throws java.security.InvalidKeyException {
            return jdk.translateKey(key);
        }
    }

    /** The JDK's ECDSA, signing and verifying for real. */
    public static class Honest extends java.security.SignatureSpi {
        private final java.security.Signature jdk;

        public Honest() throws java.security.NoSuchAlgorithmException {
            jdk = java.security.Signature.getInstance("SHA256withECDSA");
        }

        @Override
        protected void engineInitVerify(java.security.PublicKey publicKey) throws java.security.InvalidKeyException {
            jdk.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(java.security.PrivateKey privateKey) throws java.security.InvalidKeyException {
            jdk.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws java.security.SignatureException {
            jdk.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws java.security.SignatureException {
            jdk.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws java.security.SignatureException {
            return jdk.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws java.security.SignatureException {
            return jdk.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {}

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            return null;
        }
    }

    /** Signs for real and accepts every signature (what CVE-2022-21449 amounted to). */
    public static final class AcceptAll extends Honest {
        public AcceptAll() throws java.security.NoSuchAlgorithmException {
            super();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            return true;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"accp", "conscrypt", "bouncycastle", "jdk"})
    void ecWhenValidSignatureThenVerifies(String path) throws Exception {
        JWSVerifier verifier =
                verifiers(path).ec(JWKSet.parse(EC.jwksJson()).getKeys().get(0).toECKey());

        assertThat(JWSObject.parse(token(EC)).verify(verifier)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"accp", "conscrypt", "bouncycastle", "jdk"})
    void ecWhenPayloadSwappedThenRejected(String path) throws Exception {
        JWSVerifier verifier =
                verifiers(path).ec(JWKSet.parse(EC.jwksJson()).getKeys().get(0).toECKey());
        String[] signed = token(EC).split("\\.");
        String[] other = token(EC).split("\\.");

        assertThat(JWSObject.parse(signed[0] + "." + other[1] + "." + signed[2]).verify(verifier))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"accp", "conscrypt", "bouncycastle", "jdk"})
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
    @ValueSource(strings = {"accp", "conscrypt", "bouncycastle", "jdk"})
    void rsaWhenValidSignatureThenVerifiesWithJdkProvider(String path) throws Exception {
        JWSVerifier verifier = verifiers(path)
                .rsa(JWKSet.parse(RSA.jwksJson()).getKeys().get(0).toRSAKey());

        assertThat(JWSObject.parse(token(RSA)).verify(verifier)).isTrue();
        assertThat(verifier.getJCAContext().getProvider()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"accp", "conscrypt", "bouncycastle", "jdk"})
    void ecWhenBuiltThenUsesTheChosenProvider(String path) throws Exception {
        JwsVerifiers verifiers = verifiers(path);
        JWSVerifier verifier =
                verifiers.ec(JWKSet.parse(EC.jwksJson()).getKeys().get(0).toECKey());

        assertThat(Optional.ofNullable(verifier.getJCAContext().getProvider())).isEqualTo(verifiers.ecProvider());
    }

    private static JwsVerifiers verifiers(String path) {
        EcProviders.Loaded loaded = EcProviders.Candidate.byKey(path)
                .flatMap(EcProviders::load)
                .orElseThrow(() -> new AssertionError(path + " does not load here"));
        assertThat(loaded.provider().isPresent()).isEqualTo(!path.equals("jdk"));
        return new JwsVerifiers(loaded.provider());
    }

    private static String token(ProviderKeys keys) {
        return IdJagMinter.builder(keys)
                .issuer("https://provider.example")
                .subject("user-1")
                .audience("https://api.example.com")
                .mint();
    }
}
