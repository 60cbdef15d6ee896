package dev.authmd.core.service;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly minted one-time code, shown on the claim page only (docs/protocol.md#v01-4).
 *
 * @param otp the six digits; a secret, never logged
 * @param expiresAt when it dies
 */
public record OtpChallenge(String otp, Instant expiresAt) {

    /**
     * Checks that {@code otp} and {@code expiresAt} are not null.
     *
     * @param otp the six digits; a secret, never logged
     * @param expiresAt when it dies
     * @throws NullPointerException if {@code otp} or {@code expiresAt} is null
     */
    public OtpChallenge {
        Objects.requireNonNull(otp, "otp cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
    }

    @Override
    public String toString() {
        return "OtpChallenge[expiresAt=" + expiresAt + "]";
    }
}
