package dev.authmd.core.service;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer to {@code POST claim_uri} (docs/protocol.md#v01-4): the attempt now in flight.
 *
 * @param registrationId {@code registration_id}
 * @param claimAttemptId {@code claim_attempt_id} ({@code cla_…})
 * @param expiresAt {@code expires_at} of the emailed link
 */
public record ClaimStarted(String registrationId, String claimAttemptId, Instant expiresAt) {

    /**
     * Checks that {@code registrationId}, {@code claimAttemptId} and {@code expiresAt} are not null.
     *
     * @param registrationId {@code registration_id}
     * @param claimAttemptId {@code claim_attempt_id} ({@code cla_…})
     * @param expiresAt {@code expires_at} of the emailed link
     * @throws NullPointerException if {@code registrationId}, {@code claimAttemptId} or {@code expiresAt} is null
     */
    public ClaimStarted {
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(claimAttemptId, "claimAttemptId cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
    }
}
