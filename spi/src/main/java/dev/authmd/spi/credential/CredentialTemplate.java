package dev.authmd.spi.credential;

import dev.authmd.spi.store.CredentialType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about a credential before its secret is minted; handed to a {@link CredentialFormat}.
 *
 * @param tenantId the tenant
 * @param credentialId the public credential id ({@code cred_…})
 * @param type access token or API key
 * @param registrationId the registration it belongs to
 * @param userId the host's user, or null for an unclaimed anonymous key
 * @param scopes the scopes it grants
 * @param issuedAt issue instant
 * @param expiresAt expiry, or null for a non-expiring API key
 */
public record CredentialTemplate(
        String tenantId,
        String credentialId,
        CredentialType type,
        String registrationId,
        @Nullable String userId,
        List<String> scopes,
        Instant issuedAt,
        @Nullable Instant expiresAt) {

    /**
     * Creates a template, copying {@code scopes} into an unmodifiable list.
     *
     * @param tenantId the tenant
     * @param credentialId the public credential id ({@code cred_…})
     * @param type access token or API key
     * @param registrationId the registration it belongs to
     * @param userId the host's user, or null for an unclaimed anonymous key
     * @param scopes the scopes it grants
     * @param issuedAt issue instant
     * @param expiresAt expiry, or null for a non-expiring API key
     * @throws NullPointerException if {@code tenantId}, {@code credentialId}, {@code type}, {@code registrationId},
     *     {@code scopes} or {@code issuedAt} is null, or {@code scopes} holds a null
     */
    public CredentialTemplate {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(credentialId, "credentialId cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(issuedAt, "issuedAt cannot be null");
    }
}
