package dev.authmd.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stored form of a one-time code: HMAC-SHA256 under a server-side key, in unpadded base64url
 * (docs/protocol.md#v01-4). A bare SHA-256 of six digits is reversed offline in a million guesses; with a key held
 * outside the database, a leaked registration store reveals nothing.
 *
 * <p>The key must be at least 32 bytes, shared by every replica, and kept as a secret (a KMS, a secret manager, an
 * environment variable). It never appears in {@link #toString()}.
 *
 * <p>Thread-safe; one {@link Mac} per thread and instance.
 *
 * <pre>{@code
 * OtpHasher otps = new OtpHasher(keyFromSecretManager);
 * String stored = otps.hash("042917");
 * }</pre>
 */
public final class OtpHasher {

    /** Smallest accepted key, in bytes: 256 bits, the HMAC-SHA256 output size. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /**
     * Creates a hasher with a server-side key.
     *
     * @param key the server-side HMAC key, at least {@value #MIN_KEY_BYTES} bytes; copied
     * @throws IllegalArgumentException when the key is too short
     */
    public OtpHasher(byte[] key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        byte[] copy = key.clone();
        this.key = new SecretKeySpec(copy, ALGORITHM);
        Arrays.fill(copy, (byte) 0);
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail fast on a platform without HmacSHA256
    }

    /**
     * A hasher with a random key, for a single-instance development setup. Codes minted before a restart, or on another
     * replica, no longer verify: production deployments pass a shared, persistent key to {@link #OtpHasher(byte[])}.
     *
     * @return a hasher with a fresh 32-byte key from {@link SecureRandom}
     */
    public static OtpHasher random() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            return new OtpHasher(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Hashes a one-time password.
     *
     * @param otp the code as typed or minted, e.g. {@code 042917}; any string is accepted and hashed as its UTF-8 bytes
     * @return the base64url (no padding) HMAC-SHA256 of the code
     */
    public String hash(String otp) {
        Objects.requireNonNull(otp, "otp cannot be null");
        Mac mac = macs.get();
        return BASE64URL.encodeToString(mac.doFinal(otp.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "OtpHasher[HmacSHA256, key=<redacted>]";
    }
}
