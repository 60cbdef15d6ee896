package dev.authmd.core.internal.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Nimbus JWS verifiers of signature checks (docs/protocol.md#v01-3a-step-4) with the JCA provider that makes
 * them fast.
 *
 * <p>ECDSA (ES256/384/512) goes to the fastest provider that works here, chosen once ({@link EcProviders}): Amazon
 * Corretto Crypto Provider, then Conscrypt (both native, optional), then BouncyCastle, then the JDK — JDK 17's SunEC
 * P-256 verify is over ten times slower than the others (see {@code docs/benchmarks.md}). Each is detected by the
 * presence of its classes, self-tested before use, never required and never registered with
 * {@link java.security.Security}; the system property {@value EcProviders#PROPERTY} pins one. The key is converted once
 * into the provider's own key type, so no conversion happens per signature. RSA always uses the JDK default, which is
 * as fast.
 *
 * <p>Immutable and thread-safe; the verifiers it returns are thread-safe too.
 */
public final class JwsVerifiers {

    /** The provider class whose presence enables the BouncyCastle path. */
    public static final String BOUNCY_CASTLE_PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";

    private static final Logger LOG = LoggerFactory.getLogger(JwsVerifiers.class);

    private final @Nullable Provider ecProvider;

    /**
     * Creates verifiers that use the given provider for ECDSA.
     *
     * @param ecProvider the provider for ECDSA verification; empty for the JDK default
     */
    public JwsVerifiers(Optional<Provider> ecProvider) {
        this.ecProvider =
                Objects.requireNonNull(ecProvider, "ecProvider cannot be null").orElse(null);
    }

    /** {@return verifiers with the fastest working ECDSA provider (or the pinned one), else the JDK default} */
    public static JwsVerifiers detected() {
        return Detected.INSTANCE;
    }

    /** {@return which provider {@link #detected()} chose} */
    public static EcProviders.Candidate detectedCandidate() {
        return Detected.CHOSEN.candidate();
    }

    /** {@return BouncyCastle's provider, when its classes are on the class path and load} */
    public static Optional<Provider> bouncyCastle() {
        return Detected.BOUNCY_CASTLE;
    }

    /** {@return the provider ECDSA verifiers use; empty for the JDK default} */
    public Optional<Provider> ecProvider() {
        return Optional.ofNullable(ecProvider);
    }

    /**
     * Creates a verifier for an EC public key.
     *
     * @param key an EC public key
     * @return its verifier
     * @throws JOSEException when the key is not usable (unsupported curve, point off the curve)
     */
    public JWSVerifier ec(ECKey key) throws JOSEException {
        if (ecProvider == null) {
            return new ECDSAVerifier(key);
        }
        ECDSAVerifier verifier = new ECDSAVerifier(key.toECPublicKey(ecProvider));
        verifier.getJCAContext().setProvider(ecProvider);
        return verifier;
    }

    /**
     * Creates a signer for an EC private key, on the same provider as the verifiers (the key converted once into its
     * own type); the JDK's when there is none or the provider refuses the key.
     *
     * @param key an EC private key
     * @return its signer
     * @throws JOSEException when the key is not usable
     */
    public JWSSigner ecSigner(ECPrivateKey key) throws JOSEException {
        if (ecProvider == null) {
            return new ECDSASigner(key);
        }
        try {
            PrivateKey converted =
                    KeyFactory.getInstance("EC", ecProvider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
            ECDSASigner signer = new ECDSASigner((ECPrivateKey) converted);
            signer.getJCAContext().setProvider(ecProvider);
            return signer;
        } catch (GeneralSecurityException | ClassCastException e) {
            return new ECDSASigner(key); // the JDK's provider still signs correctly
        }
    }

    /**
     * Creates a verifier for an RSA public key.
     *
     * @param key an RSA public key
     * @return its verifier (JDK default provider)
     * @throws JOSEException when the key is not usable
     */
    public JWSVerifier rsa(RSAKey key) throws JOSEException {
        return new RSASSAVerifier(key);
    }

    /** Chooses the ECDSA provider once, on first use, and says which. */
    private static final class Detected {
        static final Optional<Provider> BOUNCY_CASTLE = loadBouncyCastle();
        static final EcProviders.Loaded CHOSEN = chooseAndReport();
        static final JwsVerifiers INSTANCE = new JwsVerifiers(CHOSEN.provider());

        private static Optional<Provider> loadBouncyCastle() {
            try {
                Class.forName(BOUNCY_CASTLE_PROVIDER, false, JwsVerifiers.class.getClassLoader());
                return Optional.of(BouncyCastle.newProvider());
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                return Optional.empty();
            }
        }

        private static EcProviders.Loaded chooseAndReport() {
            String pinned = System.getProperty(EcProviders.PROPERTY);
            EcProviders.Loaded chosen = EcProviders.choose(pinned);
            if (pinned != null
                    && !pinned.isBlank()
                    && !EcProviders.Candidate.byKey(pinned).equals(Optional.of(chosen.candidate()))) {
                LOG.warn(
                        "{}={} is not available or failed its self-test here; ES256 uses {}",
                        EcProviders.PROPERTY,
                        pinned,
                        chosen.candidate().displayName());
            }
            LOG.info(
                    "ES256 signatures are verified and made with {}{}",
                    chosen.candidate().displayName(),
                    chosen.provider()
                            .map(p -> " (" + p.getName() + " " + p.getVersionStr() + ")")
                            .orElse(""));
            return chosen;
        }
    }

    /** Touches BouncyCastle's classes only once they are known to be present. */
    private static final class BouncyCastle {
        static Provider newProvider() {
            return new org.bouncycastle.jce.provider.BouncyCastleProvider();
        }
    }
}
