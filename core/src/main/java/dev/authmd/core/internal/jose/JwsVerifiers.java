package dev.authmd.core.internal.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.Provider;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Nimbus JWS verifiers of signature checks (docs/protocol.md#v01-3a-step-4) with the JCA provider that makes
 * them fast.
 *
 * <p>ECDSA (ES256/384/512) goes to BouncyCastle when {@code bcprov} is on the class path: the JDK 17 SunEC P-256 verify
 * is several times slower (see {@code docs/benchmarks.md}). The key is converted once into the provider's own key type,
 * so no conversion happens per signature. BouncyCastle is an optional dependency, detected by the presence of its
 * provider class, never required and never registered with {@link java.security.Security}: without it, or if it cannot
 * be loaded, every verifier uses the JDK default provider. RSA always uses the JDK default, which is as fast.
 *
 * <p>Immutable and thread-safe; the verifiers it returns are thread-safe too.
 */
public final class JwsVerifiers {

    /** The provider class whose presence enables the BouncyCastle path. */
    public static final String BOUNCY_CASTLE_PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";

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

    /** {@return verifiers with BouncyCastle for ECDSA when present, else the JDK default} */
    public static JwsVerifiers detected() {
        return Detected.INSTANCE;
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
     * Creates a verifier for an RSA public key.
     *
     * @param key an RSA public key
     * @return its verifier (JDK default provider)
     * @throws JOSEException when the key is not usable
     */
    public JWSVerifier rsa(RSAKey key) throws JOSEException {
        return new RSASSAVerifier(key);
    }

    /** Looks for BouncyCastle once, on first use. */
    private static final class Detected {
        static final Optional<Provider> BOUNCY_CASTLE = loadBouncyCastle();
        static final JwsVerifiers INSTANCE = new JwsVerifiers(BOUNCY_CASTLE);

        private static Optional<Provider> loadBouncyCastle() {
            try {
                Class.forName(BOUNCY_CASTLE_PROVIDER, false, JwsVerifiers.class.getClassLoader());
                return Optional.of(BouncyCastle.newProvider());
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** Touches BouncyCastle's classes only once they are known to be present. */
    private static final class BouncyCastle {
        static Provider newProvider() {
            return new org.bouncycastle.jce.provider.BouncyCastleProvider();
        }
    }
}
