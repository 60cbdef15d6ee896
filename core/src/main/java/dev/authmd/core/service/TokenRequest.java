package dev.authmd.core.service;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token-endpoint request (RFC 7523, docs/protocol.md current profile §5), already parsed from the form: the grant
 * type was the jwt-bearer URN.
 *
 * @param assertion the identity assertion to exchange
 * @param resource the RFC 8707 {@code resource}, or null for the default
 * @param scope the requested {@code scope} (space-separated), or null for everything granted
 */
public record TokenRequest(
        String assertion,
        @Nullable String resource,
        @Nullable String scope) {

    /**
     * Checks that {@code assertion} is not null.
     *
     * @param assertion the identity assertion to exchange
     * @param resource the RFC 8707 {@code resource}, or null for the default
     * @param scope the requested {@code scope} (space-separated), or null for everything granted
     */
    public TokenRequest {
        Objects.requireNonNull(assertion, "assertion cannot be null");
    }

    @Override
    public String toString() {
        return "TokenRequest[resource=" + resource + ", scope=" + scope + "]";
    }
}
