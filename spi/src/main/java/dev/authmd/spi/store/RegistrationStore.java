package dev.authmd.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Stores registrations and their claim state (§3–§4: docs/protocol.md#v01-3).
 *
 * <p><b>Atomicity.</b> {@link #insert} is put-if-absent and {@link #update} a compare-and-set on
 * {@link Registration#version()}: under any interleaving, exactly one of two writers that read the same version wins.
 * The library relies on that to complete a claim exactly once and to count OTP attempts without overshooting the
 * budget; implementations must not emulate it with a read followed by a write.
 *
 * <p><b>Lookups.</b> Every {@code find…} is by key and must not scan: by id, by the hash of the claim token, by the
 * hash of the current attempt token (only the <em>current</em> attempt's hash is findable, so a superseded link stops
 * working), by delegation and by user. Lookups never cross tenants.
 *
 * <p><b>Keys.</b> A registration is identified by its tenant and id. Within a tenant, a claim token hash and a current
 * attempt token hash each belong to at most one registration; a write that would give one to a second registration is
 * rejected with a {@link StoreException} and changes nothing (tokens are random, so this signals a bug, never a race).
 *
 * <p><b>Arguments and results.</b> Null arguments are rejected with a {@link NullPointerException}. Returned lists
 * belong to the caller: changing them (where they allow it) never changes the store. "Oldest first" means by
 * {@code createdAt}, then by id.
 *
 * <p>Implementations are thread-safe. Failures of the backing store are reported as {@link StoreException}. The
 * abstract {@code RegistrationStoreContract} in {@code authmd-testkit} pins this behaviour down; every implementation
 * should extend it.
 */
public interface RegistrationStore {

    /**
     * Inserts a new registration if none with its tenant and id exists.
     *
     * @param registration the registration, at version 0
     * @return true when inserted; false when the id was already taken (nothing changed)
     * @throws IllegalArgumentException when its version is not 0
     */
    boolean insert(Registration registration);

    /**
     * {@return the current version of the registration, or empty}
     *
     * @param tenantId the tenant
     * @param id the registration id
     */
    Optional<Registration> findById(String tenantId, String id);

    /**
     * {@return the registration whose claim token has that hash, or empty}
     *
     * @param tenantId the tenant
     * @param claimTokenHash hash of a {@code claim_token}
     */
    Optional<Registration> findByClaimTokenHash(String tenantId, String claimTokenHash);

    /**
     * {@return the registration whose <em>current</em> attempt token has that hash, or empty}
     *
     * @param tenantId the tenant
     * @param attemptTokenHash hash of a {@code claim_attempt_token}
     */
    Optional<Registration> findByAttemptTokenHash(String tenantId, String attemptTokenHash);

    /**
     * Replaces a registration if its stored version still equals {@code expectedVersion}.
     *
     * @param expectedVersion the version the caller read
     * @param next the new state; its version must be {@code expectedVersion + 1}
     * @return true when written; false when no registration with {@code next}'s tenant and id exists or another writer
     *     got there first (nothing changed)
     * @throws IllegalArgumentException when {@code next.version() != expectedVersion + 1}
     */
    boolean update(long expectedVersion, Registration next);

    /**
     * {@return every registration created from that delegation, any status, oldest first}
     *
     * @param tenantId the tenant
     * @param issuer the delegation's {@code iss}
     * @param subject the delegation's {@code sub}
     */
    List<Registration> findByDelegation(String tenantId, String issuer, String subject);

    /**
     * {@return every registration owned by that user, any status, oldest first}
     *
     * @param tenantId the tenant
     * @param userId the host's user id
     */
    List<Registration> findByUser(String tenantId, String userId);

    /**
     * Pages through every registration of a tenant by ascending id, any status: what an operator's "revoke everything
     * in this tenant" walks.
     *
     * @param tenantId the tenant
     * @param afterId return ids strictly greater than this; null to start at the beginning
     * @param limit the maximum number to return, at least 1
     * @return up to {@code limit} registrations ordered by id
     * @throws IllegalArgumentException when {@code limit < 1}
     */
    List<Registration> findByTenant(String tenantId, @Nullable String afterId, int limit);

    /**
     * Finds registrations, in any tenant, that are still claimable ({@link RegistrationStatus#isClaimable()}) but whose
     * {@code expiresAt} is at or before {@code now}: the candidates for the expiry sweep.
     *
     * @param now the current instant
     * @param limit the maximum number to return, at least 1
     * @return up to {@code limit} registrations due for expiry, in no particular order
     * @throws IllegalArgumentException when {@code limit < 1}
     */
    List<Registration> findDueForExpiry(Instant now, int limit);

    /**
     * Finds a tenant's registrations that became terminal ({@link Registration#endedAt()}) at or before
     * {@code endedBefore}: the candidates for the retention purge (each tenant has its own retention). Reads an index
     * by tenant and end instant, so the cost follows what is returned, not what is stored.
     *
     * @param tenantId the tenant
     * @param endedBefore the cut-off, inclusive
     * @param limit the maximum number to return, at least 1
     * @return up to {@code limit} ended registrations, earliest end first
     * @throws IllegalArgumentException when {@code limit < 1}
     */
    List<Registration> findEndedBefore(String tenantId, Instant endedBefore, int limit);

    /**
     * Deletes a terminal registration if its stored version still equals {@code expectedVersion}; every index entry of
     * it goes with it. The caller removes its credentials first (a credential is never left without its registration,
     * except for the moment between the two calls).
     *
     * @param tenantId the tenant
     * @param id the registration id
     * @param expectedVersion the version the caller read
     * @return true when deleted by this call; false when it is gone, changed since, or not terminal (nothing changed)
     */
    boolean delete(String tenantId, String id, long expectedVersion);
}
