package dev.authmd.core.service;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A claim attempt of the current profile, started or re-minted (docs/protocol.md, current profile §7). The
 * {@code verificationUri} carries the attempt's secret token: show it to the user only, never log it.
 *
 * @param registrationId the registration being claimed
 * @param type its {@code type} on the wire ({@code anonymous}, {@code service_auth}, {@code identity_assertion})
 * @param verificationUri the page the user opens
 * @param expiresAt when the page stops working
 */
public record ClaimAttemptStarted(String registrationId, String type, URI verificationUri, Instant expiresAt) {

    /**
     * Checks the members.
     *
     * @param registrationId the registration being claimed
     * @param type its {@code type} on the wire
     * @param verificationUri the page the user opens
     * @param expiresAt when the page stops working
     */
    public ClaimAttemptStarted {
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(verificationUri, "verificationUri cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
    }

    @Override
    public String toString() {
        return "ClaimAttemptStarted[registrationId=" + registrationId + ", type=" + type + ", expiresAt=" + expiresAt
                + "]";
    }
}
