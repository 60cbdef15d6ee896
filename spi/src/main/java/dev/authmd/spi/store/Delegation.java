package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The link between a provider's user {@code (iss, sub)} and the host's user, recorded when an ID-JAG is first accepted
 * for them (docs/protocol.md#v01-3a) so that a later logout token can find every credential it produced (§6).
 *
 * @param tenantId the tenant
 * @param issuer the provider's issuer ({@code iss})
 * @param subject the provider's subject ({@code sub})
 * @param userId the host's user id
 * @param createdAt when first linked
 */
public record Delegation(String tenantId, String issuer, String subject, String userId, Instant createdAt) {

    /**
     * Creates a delegation link.
     *
     * @param tenantId the tenant
     * @param issuer the provider's issuer ({@code iss})
     * @param subject the provider's subject ({@code sub})
     * @param userId the host's user id
     * @param createdAt when first linked
     * @throws NullPointerException if any component is null
     */
    public Delegation {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(issuer, "issuer cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
    }
}
