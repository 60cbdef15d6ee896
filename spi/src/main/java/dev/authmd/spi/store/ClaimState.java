package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The claim side of a registration: the hash of the {@code claim_token} the agent holds, the current attempt (if any)
 * and the failures counted across all attempts.
 *
 * @param claimTokenHash hash of the {@code claim_token} ({@code clm_…})
 * @param claimTokenExpiresAt when the claim window closes
 * @param attempt the current attempt; null until a claim email was sent
 * @param totalFailures wrong OTP guesses across every attempt of this registration
 */
public record ClaimState(
        String claimTokenHash,
        Instant claimTokenExpiresAt,
        @Nullable ClaimAttempt attempt,
        int totalFailures) {

    /**
     * Creates a claim state.
     *
     * @param claimTokenHash hash of the {@code claim_token} ({@code clm_…})
     * @param claimTokenExpiresAt when the claim window closes
     * @param attempt the current attempt; null until a claim email was sent
     * @param totalFailures wrong OTP guesses across every attempt of this registration
     * @throws NullPointerException if {@code claimTokenHash} or {@code claimTokenExpiresAt} is null
     * @throws IllegalArgumentException if {@code totalFailures} is negative
     */
    public ClaimState {
        Objects.requireNonNull(claimTokenHash, "claimTokenHash cannot be null");
        Objects.requireNonNull(claimTokenExpiresAt, "claimTokenExpiresAt cannot be null");
        if (totalFailures < 0) {
            throw new IllegalArgumentException("totalFailures cannot be negative");
        }
    }

    /**
     * {@return a copy with that attempt}
     *
     * @param attempt the new current attempt, or null to clear it
     */
    public ClaimState withAttempt(@Nullable ClaimAttempt attempt) {
        return new ClaimState(claimTokenHash, claimTokenExpiresAt, attempt, totalFailures);
    }

    /** {@return a copy with one more failure counted on the registration and the attempt's OTP} */
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
