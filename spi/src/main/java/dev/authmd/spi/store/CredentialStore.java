package dev.authmd.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores issued credentials by the hash of their secret (docs/protocol.md#v01-5).
 *
 * <p>{@link #insert} is put-if-absent on the secret hash and on the id, both unique within a tenant; {@link #update} is
 * a compare-and-set on {@link Credential#version()}. A credential is identified by its tenant, id and secret hash, and
 * belongs to one registration for life. {@link #findByHash} is the hot path of every authenticated API call and must be
 * a keyed lookup. Lookups never cross tenants.
 *
 * <p>Null arguments are rejected with a {@link NullPointerException}. Returned lists belong to the caller: changing
 * them (where they allow it) never changes the store. "Oldest first" means by {@code issuedAt}, then by id.
 *
 * <p>Implementations are thread-safe; failures of the backing store are {@link StoreException}s. Extend
 * {@code CredentialStoreContract} from {@code authmd-testkit} to check an implementation.
 */
public interface CredentialStore {

    /**
     * {@return true when inserted; false when its id or secret hash already exists}
     *
     * @param credential a new credential at version 0
     * @throws IllegalArgumentException when its version is not 0
     */
    boolean insert(Credential credential);

    /**
     * {@return the credential, revoked or expired ones included, or empty}
     *
     * @param tenantId the tenant
     * @param secretHash hash of the presented secret
     */
    Optional<Credential> findByHash(String tenantId, String secretHash);

    /**
     * {@return every credential of that registration, oldest first}
     *
     * @param tenantId the tenant
     * @param registrationId a registration id
     */
    List<Credential> findByRegistration(String tenantId, String registrationId);

    /**
     * {@return true when written; false when no credential has {@code next}'s tenant, id, secret hash and registration
     * id, or it changed since (nothing changed)}
     *
     * @param expectedVersion the version the caller read
     * @param next the new state; its version must be {@code expectedVersion + 1}
     * @throws IllegalArgumentException when {@code next.version() != expectedVersion + 1}
     */
    boolean update(long expectedVersion, Credential next);

    /**
     * Revokes, in one step, every not-yet-revoked credential of a registration: each gets {@code revokedAt = at} and
     * its next version ({@link Credential#revoked(Instant)}); credentials already revoked are left as they are.
     *
     * @param tenantId the tenant
     * @param registrationId the registration
     * @param at the revocation instant recorded on each credential
     * @return how many credentials were revoked by this call
     */
    int revokeByRegistration(String tenantId, String registrationId, Instant at);

    /**
     * Removes credentials whose {@code expiresAt} is at or before {@code now}, revoked or not (expired access tokens:
     * they can never authenticate again). Credentials without an expiry (API keys) are never removed here. Safe to run
     * on every replica at once.
     *
     * @param now the current instant
     * @return how many were removed
     */
    int sweep(Instant now);

    /**
     * Deletes every credential of a registration, revoked or not: the first step of purging a registration that ended
     * past its retention ({@link RegistrationStore#delete}).
     *
     * @param tenantId the tenant
     * @param registrationId the registration
     * @return how many credentials were deleted
     */
    int deleteByRegistration(String tenantId, String registrationId);
}
