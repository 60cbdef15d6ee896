package dev.authmd.spi.keys;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One of the service's signing keys and its schedule.
 *
 * @param algorithm the JWS algorithm it signs with: {@code ES256} (EC P-256), {@code RS256} or {@code PS256} (RSA of at
 *     least 2048 bits)
 * @param privateKey signs; never leaves the service
 * @param publicKey verifies; published at {@code jwks_uri}
 * @param publishedAt from when the public key is published
 * @param activeFrom from when it may sign; not before {@code publishedAt}. The library starts using a key that replaces
 *     another only once it has been published for the assertion lifetime plus ten minutes, even if this says earlier
 * @param retiredAt from when it no longer signs, or null while it is in service; after {@code activeFrom}. It stays
 *     published until the last assertion it signed has expired
 */
public record SigningKey(
        String algorithm,
        PrivateKey privateKey,
        PublicKey publicKey,
        Instant publishedAt,
        Instant activeFrom,
        @Nullable Instant retiredAt) {

    /** The algorithms a service key may sign with. */
    public static final Set<String> ALGORITHMS = Set.of("ES256", "RS256", "PS256");

    /** P-256's group order, which identifies the curve without a crypto library. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /**
     * Checks the key against its algorithm and its schedule.
     *
     * @param algorithm {@code ES256}, {@code RS256} or {@code PS256}
     * @param privateKey the private key
     * @param publicKey its public key
     * @param publishedAt from when the public key is published
     * @param activeFrom from when it may sign
     * @param retiredAt from when it no longer signs, or null
     * @throws IllegalArgumentException naming what is wrong: an unknown algorithm, a key of the wrong type, curve or
     *     size, a private and public key that are not a pair of the same type, or a schedule out of order
     * @throws NullPointerException when an argument other than {@code retiredAt} is null
     */
    public SigningKey {
        Objects.requireNonNull(algorithm, "algorithm cannot be null");
        Objects.requireNonNull(privateKey, "privateKey cannot be null");
        Objects.requireNonNull(publicKey, "publicKey cannot be null");
        Objects.requireNonNull(publishedAt, "publishedAt cannot be null");
        Objects.requireNonNull(activeFrom, "activeFrom cannot be null");
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("algorithm must be one of " + ALGORITHMS + ": " + algorithm);
        }
        if (algorithm.equals("ES256")) {
            if (!(publicKey instanceof ECPublicKey ec) || !(privateKey instanceof ECPrivateKey)) {
                throw new IllegalArgumentException("ES256 needs an EC key pair");
            }
            if (!ec.getParams().getOrder().equals(P256_ORDER)) {
                throw new IllegalArgumentException("ES256 needs a key on the P-256 curve");
            }
        } else {
            if (!(publicKey instanceof RSAPublicKey rsa) || !(privateKey instanceof RSAPrivateKey rsaPrivate)) {
                throw new IllegalArgumentException(algorithm + " needs an RSA key pair");
            }
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException(algorithm + " needs an RSA key of at least 2048 bits");
            }
            if (!rsa.getModulus().equals(rsaPrivate.getModulus())) {
                throw new IllegalArgumentException("the private and public RSA keys are not a pair");
            }
        }
        if (activeFrom.isBefore(publishedAt)) {
            throw new IllegalArgumentException("activeFrom cannot be before publishedAt");
        }
        if (retiredAt != null && !retiredAt.isAfter(activeFrom)) {
            throw new IllegalArgumentException("retiredAt must be after activeFrom");
        }
    }

    /** {@return the schedule and algorithm; never the key material} */
    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", published " + publishedAt + ", active from " + activeFrom
                + (retiredAt == null ? "" : ", retired " + retiredAt) + "]";
    }
}
