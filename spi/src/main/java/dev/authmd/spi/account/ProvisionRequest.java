package dev.authmd.spi.account;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the library knows when it asks the host to create a user just in time: the verified identity facts from an
 * ID-JAG, or the email proven by a completed claim.
 *
 * @param tenantId the tenant
 * @param email a verified email, or null
 * @param phoneNumber a verified phone number, or null
 * @param name a display name from the assertion, or null
 * @param issuer the ID-JAG issuer, or null when provisioning from a claim
 * @param subject the ID-JAG subject, or null when provisioning from a claim
 */
public record ProvisionRequest(
        String tenantId,
        @Nullable String email,
        @Nullable String phoneNumber,
        @Nullable String name,
        @Nullable String issuer,
        @Nullable String subject) {

    /**
     * Creates a provisioning request; at least one of {@code email} and {@code phoneNumber} must be given.
     *
     * @param tenantId the tenant
     * @param email a verified email, or null
     * @param phoneNumber a verified phone number, or null
     * @param name a display name from the assertion, or null
     * @param issuer the ID-JAG issuer, or null when provisioning from a claim
     * @param subject the ID-JAG subject, or null when provisioning from a claim
     * @throws NullPointerException if {@code tenantId} is null
     * @throws IllegalArgumentException if both {@code email} and {@code phoneNumber} are null
     */
    public ProvisionRequest {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        if (email == null && phoneNumber == null) {
            throw new IllegalArgumentException("a verified email or phone number is required");
        }
    }

    @Override
    public String toString() {
        return "ProvisionRequest[tenant=" + tenantId + ", issuer=" + issuer + "]";
    }
}
