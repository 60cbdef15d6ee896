package dev.authmd.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * The lookup hash of a high-entropy secret: SHA-256 over the token's UTF-8 bytes, in unpadded base64url (43
 * characters). Stores index claim tokens, attempt tokens, API keys and access tokens by this value and never see the
 * token itself (docs/protocol.md#v01-4, docs/architecture.md).
 *
 * <p>An unkeyed hash is right for tokens of 128 bits or more: they cannot be guessed from the hash. It is
 * <em>wrong</em> for six-digit codes; use {@link OtpHasher} for those.
 *
 * <p>Thread-safe; one {@link MessageDigest} per thread, no other allocation than the result.
 */
public final class SecretHasher {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(SecretHasher::newDigest);

    private SecretHasher() {}

    /**
     * Hashes a secret with SHA-256 for storage and look-up.
     *
     * @param token the secret, e.g. {@code sk_…}
     * @return the base64url (no padding) SHA-256 of its UTF-8 bytes
     */
    public static String hash(String token) {
        Objects.requireNonNull(token, "token cannot be null");
        MessageDigest digest = SHA256.get();
        // digest() resets the instance, so a previous failure cannot leave state behind
        return BASE64URL.encodeToString(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
