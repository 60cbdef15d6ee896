package dev.authmd.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A bearer credential as stored: never the secret itself, only its hash (docs/protocol.md#v01-5). Immutable; changes
 * (scope upgrade, revocation) are written with {@link CredentialStore#update(long, Credential)}.
 *
 * @param tenantId the tenant it is valid in
 * @param id a public, non-secret id ({@code cred_…}) for logs and listings
 * @param secretHash hash of the secret the agent presents; unique within its tenant
 * @param type access token or API key
 * @param registrationId the registration it belongs to
 * @param userId the host's user, once known; null for an unclaimed anonymous key
 * @param scopes granted scopes
 * @param issuedAt when issued
 * @param expiresAt when it stops working; null for a non-expiring API key
 * @param revokedAt when revoked; null while usable
 * @param version optimistic-concurrency version, 0 on insert
 */
public record Credential(
        String tenantId,
        String id,
        String secretHash,
        CredentialType type,
        String registrationId,
        @Nullable String userId,
        List<String> scopes,
        Instant issuedAt,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
        long version) {

    /**
     * Creates a credential, copying {@code scopes} into an unmodifiable list.
     *
     * @param tenantId the tenant it is valid in
     * @param id a public, non-secret id ({@code cred_…}) for logs and listings
     * @param secretHash hash of the secret the agent presents; unique within its tenant
     * @param type access token or API key
     * @param registrationId the registration it belongs to
     * @param userId the host's user, once known; null for an unclaimed anonymous key
     * @param scopes granted scopes
     * @param issuedAt when issued
     * @param expiresAt when it stops working; null for a non-expiring API key
     * @param revokedAt when revoked; null while usable
     * @param version optimistic-concurrency version, 0 on insert
     * @throws NullPointerException if {@code tenantId}, {@code id}, {@code secretHash}, {@code type},
     *     {@code registrationId}, {@code scopes} or {@code issuedAt} is null, or {@code scopes} holds a null
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public Credential {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(secretHash, "secretHash cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes cannot be null"));
        Objects.requireNonNull(issuedAt, "issuedAt cannot be null");
        if (version < 0) {
            throw new IllegalArgumentException("version cannot be negative");
        }
    }

    /**
     * {@return whether the credential authenticates at {@code now}: not revoked, not expired}
     *
     * @param now the current instant
     */
    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** {@return the expiry, empty for a non-expiring key} */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * {@return the next version with that owner and scopes (in-place upgrade on claim)}
     *
     * @param userId the user now owning it
     * @param scopes the new scopes
     */
    public Credential withOwnerAndScopes(String userId, List<String> scopes) {
        return new Credential(
                tenantId,
                id,
                secretHash,
                type,
                registrationId,
                userId,
                scopes,
                issuedAt,
                expiresAt,
                revokedAt,
                version + 1);
    }

    /**
     * {@return the next version, revoked at {@code at}}
     *
     * @param at the revocation instant
     */
    public Credential revoked(Instant at) {
        return new Credential(
                tenantId,
                id,
                secretHash,
                type,
                registrationId,
                userId,
                scopes,
                issuedAt,
                expiresAt,
                Objects.requireNonNull(at, "at cannot be null"),
                version + 1);
    }

    @Override
    public String toString() {
        return "Credential[tenant=" + tenantId + ", id=" + id + ", type=" + type.wireName() + ", registration="
                + registrationId + ", version=" + version + "]";
    }
}
