package dev.authmd.core.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the claim page shows before anything is minted (docs/protocol.md#v01-4, {@code GET {claim_uri}/view}).
 *
 * @param state whether the link can still produce a code
 * @param registrationId the registration, or null when the link is unknown
 * @param serviceName the API's display name
 * @param email the address the link was sent to, or null when unknown
 * @param expiresAt when the link stops working, or null
 */
public record ClaimView(
        State state,
        @Nullable String registrationId,
        String serviceName,
        @Nullable String email,
        @Nullable Instant expiresAt) {

    /** Where a claim link stands. */
    public enum State {
        /** The page may mint a code. */
        READY,
        /** The claim already completed. */
        COMPLETED,
        /** The claim window or the link expired, or the registration was revoked. */
        EXPIRED,
        /** The link is unknown or a newer link replaced it. */
        SUPERSEDED
    }

    /**
     * Checks that {@code state} and {@code serviceName} are not null.
     *
     * @param state whether the link can still produce a code
     * @param registrationId the registration, or null when the link is unknown
     * @param serviceName the API's display name
     * @param email the address the link was sent to, or null when unknown
     * @param expiresAt when the link stops working, or null
     * @throws NullPointerException if {@code state} or {@code serviceName} is null
     */
    public ClaimView {
        Objects.requireNonNull(state, "state cannot be null");
        Objects.requireNonNull(serviceName, "serviceName cannot be null");
    }

    /** {@return the recipient address, when the link is known} */
    public Optional<String> recipient() {
        return Optional.ofNullable(email);
    }
}
