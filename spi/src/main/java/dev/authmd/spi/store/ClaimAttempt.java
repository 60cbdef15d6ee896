package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One claim attempt: the emailed link, and the OTP the claim page minted for it (docs/protocol.md#v01-4); in the
 * current profile, the sign-in page's link, the user's decision on it and the code revealed on confirmation (current
 * profile §7). Starting a new attempt replaces the previous one, which kills its link. Secrets are held only as hashes.
 *
 * @param id the public attempt id ({@code cla_…})
 * @param tokenHash hash of the {@code claim_attempt_token} carried in the emailed link
 * @param email the normalised address the link was sent to
 * @param expiresAt when the link stops working
 * @param otpHash keyed hash of the current OTP; null until the page minted one
 * @param otpExpiresAt when the current OTP dies; null when there is no OTP
 * @param otpFailures wrong guesses against the current OTP
 * @param decision the user's decision on the page; always {@link AttemptDecision#OPEN} in v0.1
 * @param confirmedUserId the signed-in user who confirmed; set exactly when the decision is
 *     {@link AttemptDecision#CONFIRMED}
 */
public record ClaimAttempt(
        String id,
        String tokenHash,
        String email,
        Instant expiresAt,
        @Nullable String otpHash,
        @Nullable Instant otpExpiresAt,
        int otpFailures,
        AttemptDecision decision,
        @Nullable String confirmedUserId) {

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
     * @param decision the user's decision on the page
     * @param confirmedUserId the user who confirmed; set exactly when confirmed
     * @throws NullPointerException if {@code id}, {@code tokenHash}, {@code email}, {@code expiresAt} or
     *     {@code decision} is null
     * @throws IllegalArgumentException if only one of {@code otpHash} and {@code otpExpiresAt} is set,
     *     {@code otpFailures} is negative, or {@code confirmedUserId} does not match the decision
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
        Objects.requireNonNull(decision, "decision cannot be null");
        if ((decision == AttemptDecision.CONFIRMED) != (confirmedUserId != null)) {
            throw new IllegalArgumentException("confirmedUserId is set exactly when the attempt is confirmed");
        }
    }

    /**
     * Creates an attempt nobody has decided on: every v0.1 attempt, and a new one of the current profile.
     *
     * @param id the public attempt id
     * @param tokenHash hash of the attempt token carried in the link
     * @param email the normalised address the attempt is bound to
     * @param expiresAt when the link stops working
     * @param otpHash keyed hash of the current code; null until one is minted
     * @param otpExpiresAt when the current code dies; null when there is none
     * @param otpFailures wrong guesses against the current code
     */
    public ClaimAttempt(
            String id,
            String tokenHash,
            String email,
            Instant expiresAt,
            @Nullable String otpHash,
            @Nullable Instant otpExpiresAt,
            int otpFailures) {
        this(id, tokenHash, email, expiresAt, otpHash, otpExpiresAt, otpFailures, AttemptDecision.OPEN, null);
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
                0,
                decision,
                confirmedUserId);
    }

    /**
     * {@return this attempt with a new code in place of the old one, its wrong guesses and decision kept} The current
     * profile's page lets a confirmed user ask for another code; the count of wrong codes must not restart with it.
     *
     * @param codeHash keyed hash of the new code
     * @param codeExpiresAt its expiry
     */
    public ClaimAttempt withNewCode(String codeHash, Instant codeExpiresAt) {
        return new ClaimAttempt(
                id,
                tokenHash,
                email,
                expiresAt,
                Objects.requireNonNull(codeHash, "codeHash cannot be null"),
                Objects.requireNonNull(codeExpiresAt, "codeExpiresAt cannot be null"),
                otpFailures,
                decision,
                confirmedUserId);
    }

    /** {@return this attempt with one more wrong guess counted against its OTP} */
    public ClaimAttempt withOtpFailure() {
        return new ClaimAttempt(
                id, tokenHash, email, expiresAt, otpHash, otpExpiresAt, otpFailures + 1, decision, confirmedUserId);
    }

    /**
     * {@return this attempt confirmed by a signed-in user, with the code minted on confirmation}
     *
     * @param userId the user who confirmed
     * @param codeHash keyed hash of the code revealed on the page
     * @param codeExpiresAt when that code dies
     */
    public ClaimAttempt confirmedBy(String userId, String codeHash, Instant codeExpiresAt) {
        return new ClaimAttempt(
                id,
                tokenHash,
                email,
                expiresAt,
                Objects.requireNonNull(codeHash, "codeHash cannot be null"),
                Objects.requireNonNull(codeExpiresAt, "codeExpiresAt cannot be null"),
                otpFailures,
                AttemptDecision.CONFIRMED,
                Objects.requireNonNull(userId, "userId cannot be null"));
    }

    /** {@return this attempt denied by the user: no code, the claim stays open} */
    public ClaimAttempt denied() {
        return new ClaimAttempt(id, tokenHash, email, expiresAt, null, null, otpFailures, AttemptDecision.DENIED, null);
    }

    @Override
    public String toString() {
        return "ClaimAttempt[id=" + id + ", expiresAt=" + expiresAt + ", hasOtp=" + hasOtp() + ", otpFailures="
                + otpFailures + ", decision=" + decision.storedName() + "]";
    }
}
