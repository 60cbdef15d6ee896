package dev.authmd.core.internal.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import dev.authmd.core.internal.jose.JwsVerifiers;
import dev.authmd.spi.keys.SigningKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signers and verifiers for the service's own keys, built once per key and reused (Nimbus signers and verifiers are
 * thread-safe). ES256 goes through BouncyCastle when it is on the class path, with keys converted to its own objects
 * once: the JDK's P-256 is several times slower (docs/benchmarks.md). Bounded: a source that hands out new key objects
 * on every call cannot grow the caches.
 */
final class SigningCrypto {

    private static final int MAX_KEYS = 64;

    private final JwsVerifiers verifiers;
    private final Map<SigningKey, JWSSigner> signers = new ConcurrentHashMap<>();
    private final Map<SigningKey, JWSVerifier> verifierByKey = new ConcurrentHashMap<>();

    SigningCrypto() {
        this(JwsVerifiers.detected());
    }

    SigningCrypto(JwsVerifiers verifiers) {
        this.verifiers = verifiers;
    }

    JWSSigner signer(SigningKey key) throws JOSEException {
        JWSSigner cached = signers.get(key);
        if (cached != null) {
            return cached;
        }
        JWSSigner signer =
                key.privateKey() instanceof ECPrivateKey ec ? ecSigner(ec) : new RSASSASigner(key.privateKey());
        if (signers.size() >= MAX_KEYS) {
            signers.clear();
        }
        signers.put(key, signer);
        return signer;
    }

    JWSVerifier verifier(SigningKey key) throws JOSEException {
        JWSVerifier cached = verifierByKey.get(key);
        if (cached != null) {
            return cached;
        }
        JWSVerifier verifier = key.publicKey() instanceof ECPublicKey ec
                ? verifiers.ec(new ECKey.Builder(Curve.P_256, ec).build())
                : new RSASSAVerifier((RSAPublicKey) key.publicKey());
        if (verifierByKey.size() >= MAX_KEYS) {
            verifierByKey.clear();
        }
        verifierByKey.put(key, verifier);
        return verifier;
    }

    private JWSSigner ecSigner(ECPrivateKey key) throws JOSEException {
        return verifiers.ecSigner(key);
    }
}
