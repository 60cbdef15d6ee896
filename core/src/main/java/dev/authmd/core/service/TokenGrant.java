package dev.authmd.core.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An access token issued at the token endpoint (docs/protocol.md current profile §5). The token exists only here; the
 * store keeps its hash.
 *
 * @param accessToken the opaque {@code at_…} token
 * @param expiresAt when it stops working
 * @param expiresInSeconds {@code expires_in}
 * @param scopes the scopes granted
 * @param resource the resource it is bound to
 */
public record TokenGrant(
        String accessToken, Instant expiresAt, long expiresInSeconds, List<String> scopes, String resource) {

    /**
     * Checks the members and copies the scopes.
     *
     * @param accessToken the opaque {@code at_…} token
     * @param expiresAt when it stops working
     * @param expiresInSeconds {@code expires_in}
     * @param scopes the scopes granted
     * @param resource the resource it is bound to
     */
    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(resource, "resource cannot be null");
    }

    @Override
    public String toString() {
        return "TokenGrant[expiresAt=" + expiresAt + ", scopes=" + scopes + ", resource=" + resource + "]";
    }
}
