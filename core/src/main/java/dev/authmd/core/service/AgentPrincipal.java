package dev.authmd.core.service;

import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.RegistrationType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling the API with a valid credential (docs/protocol.md#v01-5).
 *
 * @param tenantId the tenant
 * @param registrationId the agent's registration
 * @param registrationType how it registered
 * @param userId the host's user, or null for an unclaimed anonymous agent
 * @param credentialId the non-secret credential id
 * @param credentialType access token or API key
 * @param scopes granted scopes
 * @param expiresAt credential expiry, or null
 */
public record AgentPrincipal(
        String tenantId,
        String registrationId,
        RegistrationType registrationType,
        @Nullable String userId,
        String credentialId,
        CredentialType credentialType,
        List<String> scopes,
        @Nullable Instant expiresAt) {

    /**
     * Checks that {@code tenantId}, {@code registrationId}, {@code registrationType}, {@code credentialId} and
     * {@code credentialType} are not null, and copies {@code scopes} into an unmodifiable list.
     *
     * @param tenantId the tenant
     * @param registrationId the agent's registration
     * @param registrationType how it registered
     * @param userId the host's user, or null for an unclaimed anonymous agent
     * @param credentialId the non-secret credential id
     * @param credentialType access token or API key
     * @param scopes granted scopes
     * @param expiresAt credential expiry, or null
     * @throws NullPointerException if {@code tenantId}, {@code registrationId}, {@code registrationType},
     *     {@code credentialId}, {@code credentialType} or {@code scopes} is null
     */
    public AgentPrincipal {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(registrationType, "registrationType cannot be null");
        Objects.requireNonNull(credentialId, "credentialId cannot be null");
        Objects.requireNonNull(credentialType, "credentialType cannot be null");
        scopes = List.copyOf(scopes);
    }

    /** {@return the user, once the registration has one} */
    public Optional<String> user() {
        return Optional.ofNullable(userId);
    }

    /**
     * Tells whether this principal holds all the given scopes.
     *
     * @param required scopes a route needs
     * @return whether every one is granted
     */
    public boolean hasScopes(Set<String> required) {
        return scopes.containsAll(required);
    }
}
