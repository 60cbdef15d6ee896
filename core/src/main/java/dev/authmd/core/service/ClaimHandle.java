package dev.authmd.core.service;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What an agent needs to run or finish a claim: where to POST and its claim token.
 *
 * @param claimUrl {@code claim_url}, the service's {@code claim_uri}
 * @param claimToken {@code claim_token} ({@code clm_…}); a secret, never logged
 * @param expiresAt {@code claim_token_expires}
 */
public record ClaimHandle(URI claimUrl, String claimToken, Instant expiresAt) {

    /**
     * Checks that {@code claimUrl}, {@code claimToken} and {@code expiresAt} are not null.
     *
     * @param claimUrl {@code claim_url}, the service's {@code claim_uri}
     * @param claimToken {@code claim_token} ({@code clm_…}); a secret, never logged
     * @param expiresAt {@code claim_token_expires}
     * @throws NullPointerException if {@code claimUrl}, {@code claimToken} or {@code expiresAt} is null
     */
    public ClaimHandle {
        Objects.requireNonNull(claimUrl, "claimUrl cannot be null");
        Objects.requireNonNull(claimToken, "claimToken cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
    }

    @Override
    public String toString() {
        return "ClaimHandle[expiresAt=" + expiresAt + "]";
    }
}
