package dev.authmd.core.secret;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Mints the protocol's opaque tokens, public ids and one-time codes from a CSPRNG (§3–§4, §8: docs/protocol.md#v01-3).
 *
 * <p>Every value is a fixed prefix followed by random bytes in unpadded base64url:
 *
 * <ul>
 *   <li>secrets — {@code clm_} claim tokens, {@code cvt_} claim attempt tokens, {@code sk_} API keys, {@code at_}
 *       access tokens: 256 bits (43 characters after the prefix);
 *   <li>ids — {@code reg_} registrations, {@code cla_} claim attempts, {@code cred_} credentials, {@code evt_} audit
 *       events: 128 bits (22 characters). Ids are not secrets but must be unguessable, so they come from the same
 *       CSPRNG.
 * </ul>
 *
 * The six-digit OTP is uniform over {@code 000000–999999}: {@link SecureRandom#nextInt(int)} draws by rejection
 * sampling, so there is no modulo bias.
 *
 * <p>Thread-safe ({@link SecureRandom} is). Tests inject a seeded or fake {@link SecureRandom} for determinism.
 *
 * <pre>{@code
 * SecretGenerator secrets = new SecretGenerator();
 * String apiKey = secrets.apiKey();              // "sk_…", hand out once
 * String stored = SecretHasher.hash(apiKey);     // what the credential store keeps
 * }</pre>
 */
public final class SecretGenerator {

    /** Prefix of registration ids. */
    public static final String REGISTRATION_ID_PREFIX = "reg_";
    /** Prefix of claim tokens. */
    public static final String CLAIM_TOKEN_PREFIX = "clm_";
    /** Prefix of claim attempt tokens (the emailed link). */
    public static final String CLAIM_ATTEMPT_TOKEN_PREFIX = "cvt_";
    /** Prefix of claim attempt ids. */
    public static final String CLAIM_ATTEMPT_ID_PREFIX = "cla_";
    /** Prefix of API keys. */
    public static final String API_KEY_PREFIX = "sk_";
    /** Prefix of opaque access tokens. */
    public static final String ACCESS_TOKEN_PREFIX = "at_";
    /** Prefix of credential ids. */
    public static final String CREDENTIAL_ID_PREFIX = "cred_";
    /** Prefix of audit event ids. */
    public static final String EVENT_ID_PREFIX = "evt_";

    /** Random bytes behind every secret token: 256 bits. */
    public static final int SECRET_BYTES = 32;
    /** Random bytes behind every id: 128 bits. */
    public static final int ID_BYTES = 16;
    /** Digits of a one-time code. */
    public static final int OTP_DIGITS = 6;

    private static final int OTP_BOUND = 1_000_000;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    /** Uses a fresh {@link SecureRandom} (the platform's default strong-enough source). */
    public SecretGenerator() {
        this(new SecureRandom());
    }

    /**
     * Creates a generator that draws from the given random source.
     *
     * @param random the CSPRNG to draw from; tests may pass a seeded instance
     */
    public SecretGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random cannot be null");
    }

    /** {@return a new registration id, {@code reg_} + 128 bits} */
    public String registrationId() {
        return token(REGISTRATION_ID_PREFIX, ID_BYTES);
    }

    /** {@return a new claim token, {@code clm_} + 256 bits; a secret} */
    public String claimToken() {
        return token(CLAIM_TOKEN_PREFIX, SECRET_BYTES);
    }

    /** {@return a new claim attempt token for the emailed link, {@code cvt_} + 256 bits; a secret} */
    public String claimAttemptToken() {
        return token(CLAIM_ATTEMPT_TOKEN_PREFIX, SECRET_BYTES);
    }

    /** {@return a new claim attempt id, {@code cla_} + 128 bits} */
    public String claimAttemptId() {
        return token(CLAIM_ATTEMPT_ID_PREFIX, ID_BYTES);
    }

    /** {@return a new API key, {@code sk_} + 256 bits; a secret} */
    public String apiKey() {
        return token(API_KEY_PREFIX, SECRET_BYTES);
    }

    /** {@return a new opaque access token, {@code at_} + 256 bits; a secret} */
    public String accessToken() {
        return token(ACCESS_TOKEN_PREFIX, SECRET_BYTES);
    }

    /** {@return a new claim attempt token of the current profile's sign-in page, {@code att_} + 256 bits; a secret} */
    public String attemptToken() {
        return token("att_", SECRET_BYTES);
    }

    /** {@return a new refresh token, {@code art_} + 256 bits; a secret} */
    public String refreshToken() {
        return token("art_", SECRET_BYTES);
    }

    /** {@return a new refresh-token family id, {@code rtf_} + 128 bits} */
    public String refreshFamilyId() {
        return token("rtf_", ID_BYTES);
    }

    /** {@return a new credential id, {@code cred_} + 128 bits} */
    public String credentialId() {
        return token(CREDENTIAL_ID_PREFIX, ID_BYTES);
    }

    /** {@return a new audit event id, {@code evt_} + 128 bits} */
    public String eventId() {
        return token(EVENT_ID_PREFIX, ID_BYTES);
    }

    /** {@return a new JWT id ({@code jti}) for an assertion the service signs: 128 bits, no prefix} */
    public String jwtId() {
        return token("", ID_BYTES);
    }

    /** {@return a six-digit one-time code, uniform over {@code 000000–999999}; a secret} */
    public String otp() {
        String digits = Integer.toString(random.nextInt(OTP_BOUND));
        return "0".repeat(OTP_DIGITS - digits.length()) + digits;
    }

    private String token(String prefix, int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return prefix + BASE64URL.encodeToString(buffer);
    }

    @Override
    public String toString() {
        return "SecretGenerator[" + random.getAlgorithm() + "]";
    }
}
