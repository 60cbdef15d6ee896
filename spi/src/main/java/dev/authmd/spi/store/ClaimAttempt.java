package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One claim attempt: the emailed link, and the OTP the claim page minted for it (docs/protocol.md#v01-4). Starting a
 * new attempt replaces the previous one, which kills its link. Secrets are held only as hashes.
 *
 * @param id the public attempt id ({@code cla_…})
 * @param tokenHash hash of the {@code claim_attempt_token} carried in the emailed link
 * @param email the normalised address the link was sent to
 * @param expiresAt when the link stops working
 * @param otpHash keyed hash of the current OTP; null until the page minted one
 * @param otpExpiresAt when the current OTP dies; null when there is no OTP
 * @param otpFailures wrong guesses against the current OTP
 */
public record ClaimAttempt(
        String id,
        String tokenHash,
        String email,
        Instant expiresAt,
        @Nullable String otpHash,
        @Nullable Instant otpExpiresAt,
        int otpFailures) {

    /**
     * Creates an attempt; {@code otpHash} and {@code otpExpiresAt} must be both set or both null.
     *
     * @param id the public attempt id ({@code cla_…})
     * @param tokenHash hash of the {@code claim_attempt_token} carried in the emailed link
     * @param email the normalised address the link was sent to
     * @param expiresAt when the link stops working
     * @param otpHash keyed hash of the current OTP; null until the page minted one
     * @param otpExpiresAt when the current OTP dies; null when there is no OTP
     * @param otpFailures wrong guesses against the current OTP
     * @throws NullPointerException if {@code id}, {@code tokenHash}, {@code email} or {@code expiresAt} is null
     * @throws IllegalArgumentException if only one of {@code otpHash} and {@code otpExpiresAt} is set, or
     *     {@code otpFailures} is negative
     */
    public ClaimAttempt {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        Objects.requireNonNull(email, "email cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        if ((otpHash == null) != (otpExpiresAt == null)) {
            throw new IllegalArgumentException("otpHash and otpExpiresAt must be both set or both null");
        }
        if (otpFailures < 0) {
            throw new IllegalArgumentException("otpFailures cannot be negative");
        }
    }

    /** {@return whether an OTP has been minted for this attempt} */
    public boolean hasOtp() {
        return otpHash != null;
    }

    /**
     * {@return this attempt with a fresh OTP and its failure count reset}
     *
     * @param otpHash keyed hash of the new OTP
     * @param otpExpiresAt its expiry
     */
    public ClaimAttempt withOtp(String otpHash, Instant otpExpiresAt) {
        return new ClaimAttempt(
                id,
                tokenHash,
                email,
                expiresAt,
                Objects.requireNonNull(otpHash, "otpHash cannot be null"),
                Objects.requireNonNull(otpExpiresAt, "otpExpiresAt cannot be null"),
                0);
    }

    /** {@return this attempt with one more wrong guess counted against its OTP} */
    public ClaimAttempt withOtpFailure() {
        return new ClaimAttempt(id, tokenHash, email, expiresAt, otpHash, otpExpiresAt, otpFailures + 1);
    }

    @Override
    public String toString() {
        return "ClaimAttempt[id=" + id + ", expiresAt=" + expiresAt + ", hasOtp=" + hasOtp() + ", otpFailures="
                + otpFailures + "]";
    }
}
