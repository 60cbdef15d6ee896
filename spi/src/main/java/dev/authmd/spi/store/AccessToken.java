package dev.authmd.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An access token of the current profile as stored (§5): never the token, only its hash, with what it grants, the
 * resource it is bound to and the identity assertion it was exchanged for.
 *
 * @param tenantId the tenant
 * @param tokenHash hash of the token the agent presents; unique within its tenant
 * @param registrationId the registration it acts for
 * @param userId the host's user, or null for an unclaimed anonymous registration
 * @param scopes the scopes granted
 * @param resource the one resource it is bound to (RFC 8707); any other resource refuses it
 * @param assertionJti the {@code jti} of the identity assertion it was exchanged for
 * @param issuedAt when issued
 * @param expiresAt when it stops working
 * @param revokedAt when revoked; null while usable
 */
public record AccessToken(
        String tenantId,
        String tokenHash,
        String registrationId,
        @Nullable String userId,
        List<String> scopes,
        String resource,
        String assertionJti,
        Instant issuedAt,
        Instant expiresAt,
        @Nullable Instant revokedAt) {

    /**
     * Creates a record, copying the scopes into an unmodifiable list.
     *
     * @param tenantId the tenant
     * @param tokenHash hash of the token
     * @param registrationId the registration
     * @param userId the user, or null
     * @param scopes the scopes granted
     * @param resource the bound resource
     * @param assertionJti the assertion it was exchanged for
     * @param issuedAt when issued
     * @param expiresAt when it stops working; after {@code issuedAt}
     * @param revokedAt when revoked, or null
     * @throws NullPointerException when an argument other than {@code userId} and {@code revokedAt} is null, or a scope
     *     is
     * @throws IllegalArgumentException when {@code expiresAt} is not after {@code issuedAt}
     */
    public AccessToken {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(tokenHash, "tokenHash cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes cannot be null"));
        Objects.requireNonNull(resource, "resource cannot be null");
        Objects.requireNonNull(assertionJti, "assertionJti cannot be null");
        Objects.requireNonNull(issuedAt, "issuedAt cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    /**
     * {@return whether it authenticates at {@code now}: not revoked, not expired}
     *
     * @param now the current instant
     */
    public boolean isUsableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /**
     * {@return this record, revoked at {@code at}}
     *
     * @param at when
     */
    public AccessToken revoked(Instant at) {
        return new AccessToken(
                tenantId, tokenHash, registrationId, userId, scopes, resource, assertionJti, issuedAt, expiresAt, at);
    }
}
