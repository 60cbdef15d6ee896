package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The claim side of a registration: the hash of the {@code claim_token} the agent holds, the current attempt (if any)
 * and the failures counted across all attempts.
 *
 * @param claimTokenHash hash of the {@code claim_token} ({@code clm_…})
 * @param claimTokenExpiresAt when the claim window closes
 * @param attempt the current attempt; null until a claim email was sent
 * @param totalFailures wrong OTP guesses across every attempt of this registration
 */
public record ClaimState(String claimTokenHash, Instant claimTokenExpiresAt, ClaimAttempt attempt, int totalFailures) {

    /** Validates the components. */
    public ClaimState {
        Objects.requireNonNull(claimTokenHash, "claimTokenHash cannot be null");
        Objects.requireNonNull(claimTokenExpiresAt, "claimTokenExpiresAt cannot be null");
        if (totalFailures < 0) {
            throw new IllegalArgumentException("totalFailures cannot be negative");
        }
    }

    /**
     * @param attempt the new current attempt, or null to clear it
     * @return a copy with that attempt
     */
    public ClaimState withAttempt(ClaimAttempt attempt) {
        return new ClaimState(claimTokenHash, claimTokenExpiresAt, attempt, totalFailures);
    }

    /** @return a copy with one more failure counted on the registration and the attempt's OTP */
    public ClaimState withFailure() {
        return new ClaimState(
                claimTokenHash,
                claimTokenExpiresAt,
                attempt == null ? null : attempt.withOtpFailure(),
                totalFailures + 1);
    }

    @Override
    public String toString() {
        return "ClaimState[expiresAt=" + claimTokenExpiresAt + ", attempt=" + attempt + ", totalFailures="
                + totalFailures + "]";
    }
}
