package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Refresh tokens and their families (current profile §8), by token hash. Rotation — spending the active token and
 * storing its successor — is one atomic step decided here, so of two refreshes presenting the same token exactly one
 * gets a successor; the other finds it spent, which the service treats as reuse.
 *
 * <p>Implementations must be thread-safe and safe across replicas; {@code RefreshTokenStoreContract} in the test kit
 * states every rule, races included.
 */
public interface RefreshTokenStore {

    /**
     * Stores a family's first token.
     *
     * @param token an active record
     * @return true when stored; false when its {@code (tenant, tokenHash)} is already recorded (nothing changes)
     * @throws IllegalArgumentException when the record is not active
     */
    boolean insert(RefreshToken token);

    /**
     * Finds a token, in any state, expired ones included until swept.
     *
     * @param tenantId the tenant
     * @param tokenHash hash of the presented token
     * @return the record, or empty
     */
    Optional<RefreshToken> findByHash(String tenantId, String tokenHash);

    /**
     * Rotates, atomically: marks the active token {@code spentHash} {@link RefreshTokenState#SPENT} at {@code at},
     * pointing at the successor, and stores the successor.
     *
     * @param tenantId the tenant
     * @param spentHash hash of the token being spent
     * @param successor the new token: active, same tenant, family and registration, the next generation
     * @param at when
     * @return true when this call rotated; false when the token is absent or no longer active (nothing changes)
     * @throws IllegalArgumentException when the successor is not an active record of the same tenant, family and
     *     registration at the next generation
     */
    boolean rotate(String tenantId, String spentHash, RefreshToken successor, Instant at);

    /**
     * Revokes, in one step, every token of a registration's families that is not revoked yet, spent ones included.
     *
     * @param tenantId the tenant
     * @param registrationId the registration
     * @param at when
     * @return how many tokens this call revoked
     */
    int revokeByRegistration(String tenantId, String registrationId, Instant at);

    /**
     * Removes tokens whose {@code expiresAt} is at or before {@code now}, in any state.
     *
     * @param now the current instant
     * @return how many were removed
     */
    int sweep(Instant now);
}
