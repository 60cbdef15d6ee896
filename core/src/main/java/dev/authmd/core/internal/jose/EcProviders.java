package dev.authmd.core.internal.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The JCA providers that can carry P-256 ECDSA, fastest first, each loaded by reflection only when its classes are on
 * the class path, never registered with {@link java.security.Security}, and used only after a self-test: a signature it
 * makes verifies with the JDK, a JDK signature verifies with it, and it refuses a swapped payload and the all-zero
 * signature (CVE-2022-21449). A provider that is absent, fails to load its native library on this platform, or fails
 * the self-test is passed over.
 */
public final class EcProviders {

    /**
     * The system property that pins one candidate ({@code accp}, {@code conscrypt}, {@code bouncycastle}, {@code jdk}).
     */
    public static final String PROPERTY = "authmd.crypto.ecProvider";

    private EcProviders() {}

    /** The providers the library knows, in the order it prefers them. */
    public enum Candidate {
        /** Amazon Corretto Crypto Provider (AWS-LC, native; Linux x86-64 and aarch64). */
        ACCP(
                "accp",
                "Amazon Corretto Crypto Provider",
                "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider"),
        /** Conscrypt (BoringSSL, native; the uber jar covers Linux x86-64, macOS x86-64, Windows). */
        CONSCRYPT("conscrypt", "Conscrypt", "org.conscrypt.Conscrypt"),
        /** BouncyCastle (pure Java). */
        BOUNCY_CASTLE("bouncycastle", "BouncyCastle", JwsVerifiers.BOUNCY_CASTLE_PROVIDER),
        /** The JDK's default provider (SunEC). */
        JDK("jdk", "the JDK's default provider", "");

        private final String key;
        private final String displayName;
        private final String className;

        Candidate(String key, String displayName, String className) {
            this.key = key;
            this.displayName = displayName;
            this.className = className;
        }

        /** {@return the name {@value #PROPERTY} accepts} */
        public String key() {
            return key;
        }

        /** {@return a name for people} */
        public String displayName() {
            return displayName;
        }

        /**
         * Finds a candidate by its property value.
         *
         * @param key a value of {@value #PROPERTY}
         * @return the candidate, or empty when none has that name
         */
        public static Optional<Candidate> byKey(String key) {
            String wanted = key.strip().toLowerCase(Locale.ROOT);
            for (Candidate candidate : values()) {
                if (candidate.key.equals(wanted)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }
    }

    /** A candidate that loaded and passed the self-test; {@code provider} is empty for the JDK's default. */
    public record Loaded(Candidate candidate, Optional<Provider> provider) {}

    /**
     * Loads one candidate and self-tests it.
     *
     * @param candidate the candidate
     * @return it, when its classes are present, it loads on this platform and it passes the self-test
     */
    public static Optional<Loaded> load(Candidate candidate) {
        if (candidate == Candidate.JDK) {
            return Optional.of(new Loaded(candidate, Optional.empty()));
        }
        Provider provider = instantiate(candidate);
        if (provider == null || !selfTest(provider)) {
            return Optional.empty();
        }
        return Optional.of(new Loaded(candidate, Optional.of(provider)));
    }

    /**
     * The fastest candidate that works here, or the one {@value #PROPERTY} pins (falling back to the JDK when that one
     * does not work, which the caller reports).
     *
     * @param pinned the pinned candidate's name, or null for the fastest
     * @return the chosen candidate
     */
    static Loaded choose(@Nullable String pinned) {
        if (pinned != null && !pinned.isBlank()) {
            return Candidate.byKey(pinned)
                    .flatMap(EcProviders::load)
                    .orElse(new Loaded(Candidate.JDK, Optional.empty()));
        }
        for (Candidate candidate : Candidate.values()) {
            Optional<Loaded> loaded = load(candidate);
            if (loaded.isPresent()) {
                return loaded.get();
            }
        }
        return new Loaded(Candidate.JDK, Optional.empty());
    }

    private static @Nullable Provider instantiate(Candidate candidate) {
        try {
            Class<?> type = Class.forName(candidate.className, true, EcProviders.class.getClassLoader());
            return switch (candidate) {
                case ACCP -> (Provider) type.getField("INSTANCE").get(null);
                case CONSCRYPT -> (Provider) type.getMethod("newProvider").invoke(null);
                case BOUNCY_CASTLE -> (Provider) type.getConstructor().newInstance();
                case JDK -> null;
            };
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // absent, or its native library does not load on this platform
            return null;
        }
    }

    /** Signs and verifies across the provider and the JDK; refuses a swapped payload and r = s = 0. */
    static boolean selfTest(Provider provider) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build();
            JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);

            JWSObject byJdk = new JWSObject(header, new Payload("authmd provider self-test"));
            byJdk.sign(new ECDSASigner((ECPrivateKey) pair.getPrivate()));
            ECDSAVerifier withProvider = new ECDSAVerifier(jwk.toECPublicKey(provider));
            withProvider.getJCAContext().setProvider(provider);
            boolean verifiesJdk = JWSObject.parse(byJdk.serialize()).verify(withProvider);

            ECDSASigner providerSigner = new ECDSASigner((ECPrivateKey) KeyFactory.getInstance("EC", provider)
                    .generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded())));
            providerSigner.getJCAContext().setProvider(provider);
            JWSObject byProvider = new JWSObject(header, new Payload("authmd provider self-test 2"));
            byProvider.sign(providerSigner);
            boolean jdkVerifiesIt = JWSObject.parse(byProvider.serialize()).verify(new ECDSAVerifier(jwk));

            String header64 = byJdk.getHeader().toBase64URL().toString();
            String payload64 = byJdk.getPayload().toBase64URL().toString();
            String signature64 = byJdk.getSignature().toString();
            String swapped = header64 + "." + Base64URL.encode("another payload") + "." + signature64;
            String zeros = header64 + "." + payload64 + "." + Base64URL.encode(new byte[64]);
            boolean refusesSwap = refuses(swapped, withProvider);
            boolean refusesZeros = refuses(zeros, withProvider);
            return verifiesJdk && jdkVerifiesIt && refusesSwap && refusesZeros;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static boolean refuses(String jws, ECDSAVerifier verifier) {
        try {
            return !JWSObject.parse(jws).verify(verifier);
        } catch (ParseException | JOSEException e) {
            return true;
        }
    }
}
