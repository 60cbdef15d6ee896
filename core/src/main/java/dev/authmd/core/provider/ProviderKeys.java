package dev.authmd.core.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authmd.core.internal.jose.JwsVerifiers;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An agent provider's signing keys (docs/protocol.md#v01-9): the current key that signs, and the previous one, still
 * published after a rotation so assertions signed just before it keep verifying. Keys carry a {@code kid} (their RFC
 * 7638 thumbprint), {@code use: sig} and their {@code alg}.
 *
 * <pre>{@code
 * ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);
 * String jwks = keys.jwksJson();          // serve at your jwks_uri
 * ProviderKeys next = keys.rotate();      // new current key, old one still in next.jwksJson()
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #privateJwksJson()} holds private keys: store it as a secret.
 */
public final class ProviderKeys {

    /** Kinds of signing key the kit generates. */
    public enum KeyType {
        /** ECDSA on P-256, signing ES256. */
        EC_P256("ES256"),
        /** RSA 2048-bit, signing RS256. */
        RSA_2048("RS256");

        private final String algorithm;

        KeyType(String algorithm) {
            this.algorithm = algorithm;
        }

        /** {@return the JWS algorithm keys of this type sign with} */
        public String algorithm() {
            return algorithm;
        }
    }

    private final KeyType type;
    private final JWK current;
    private final @Nullable JWK previous;
    private final JWSSigner signer;

    private ProviderKeys(KeyType type, JWK current, @Nullable JWK previous) {
        this.type = type;
        this.current = current;
        this.previous = previous;
        try {
            // the fastest ECDSA provider present, as the service itself signs (a load test mints many)
            this.signer = type == KeyType.EC_P256
                    ? JwsVerifiers.detected().ecSigner(((ECKey) current).toECPrivateKey())
                    : new RSASSASigner((RSAKey) current);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the current key", e);
        }
    }

    /**
     * Generates fresh provider keys.
     *
     * @param type the kind of key
     * @return fresh keys with one current key and no previous key
     */
    public static ProviderKeys generate(KeyType type) {
        Objects.requireNonNull(type, "type cannot be null");
        return new ProviderKeys(type, newKey(type), null);
    }

    /**
     * Loads keys saved with {@link #privateJwksJson()}.
     *
     * @param privateJwks the saved document: current key first, optionally the previous one
     * @return the keys
     * @throws IllegalArgumentException when the document is not such a JWKS
     */
    public static ProviderKeys fromPrivateJwks(String privateJwks) {
        Objects.requireNonNull(privateJwks, "privateJwks cannot be null");
        JWKSet set;
        try {
            set = JWKSet.parse(privateJwks);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a valid JWKS document");
        }
        List<JWK> keys = set.getKeys();
        if (keys.isEmpty() || keys.size() > 2) {
            throw new IllegalArgumentException("the JWKS must hold the current key and at most one previous key");
        }
        JWK first = keys.get(0);
        KeyType type;
        if (first instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            type = KeyType.EC_P256;
        } else if (first instanceof RSAKey rsa && rsa.size() >= 2048) {
            type = KeyType.RSA_2048;
        } else {
            throw new IllegalArgumentException("the current key must be an EC P-256 or RSA (2048+) key");
        }
        if (!first.isPrivate() || first.getKeyID() == null) {
            throw new IllegalArgumentException("the current key must be private and have a kid");
        }
        return new ProviderKeys(type, first, keys.size() == 2 ? keys.get(1).toPublicJWK() : null);
    }

    /** {@return new keys whose current key is fresh; this instance's current key becomes the previous one} */
    public ProviderKeys rotate() {
        return new ProviderKeys(type, newKey(type), current.toPublicJWK());
    }

    /** {@return the kind of key} */
    public KeyType type() {
        return type;
    }

    /** {@return the JWS algorithm of the current key} */
    public String algorithm() {
        return type.algorithm();
    }

    /** {@return the {@code kid} of the current key} */
    public String currentKid() {
        return current.getKeyID();
    }

    /** {@return the {@code kid} of the previous key, if any} */
    public java.util.Optional<String> previousKid() {
        return previous == null ? java.util.Optional.empty() : java.util.Optional.of(previous.getKeyID());
    }

    /** {@return the public JWKS to publish at {@code jwks_uri}: current key, then previous key} */
    public String jwksJson() {
        List<JWK> keys = new ArrayList<>();
        keys.add(current.toPublicJWK());
        if (previous != null) {
            keys.add(previous);
        }
        return new JWKSet(keys).toString(true);
    }

    /** {@return the current private key and the previous public key, for saving; a secret} */
    public String privateJwksJson() {
        List<JWK> keys = new ArrayList<>();
        keys.add(current);
        if (previous != null) {
            keys.add(previous);
        }
        return new JWKSet(keys).toString(false);
    }

    JWSSigner signer() {
        return signer;
    }

    JWSAlgorithm jwsAlgorithm() {
        return JWSAlgorithm.parse(type.algorithm());
    }

    private static JWK newKey(KeyType type) {
        try {
            if (type == KeyType.EC_P256) {
                return new ECKeyGenerator(Curve.P_256)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256)
                        .keyIDFromThumbprint(true)
                        .generate();
            }
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    @Override
    public String toString() {
        return "ProviderKeys[" + type + ", kid=" + currentKid()
                + (previous != null ? ", previous=" + previous.getKeyID() : "") + "]";
    }
}
