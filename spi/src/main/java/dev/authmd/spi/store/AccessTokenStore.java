package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The current profile's access tokens (§5–§6), by token hash. Revocation is one-way; revoking by assertion or by
 * registration is one step, so once it has returned no token it covers authenticates again.
 *
 * <p>Implementations must be thread-safe and safe across replicas; {@code AccessTokenStoreContract} in the test kit
 * states every rule, races included.
 */
public interface AccessTokenStore {

    /**
     * Stores a new token.
     *
     * @param token a record not revoked
     * @return true when stored; false when its {@code (tenant, tokenHash)} is already recorded (nothing changes)
     * @throws IllegalArgumentException when the record is revoked
     */
    boolean insert(AccessToken token);

    /**
     * Finds a token, revoked or expired ones included until swept.
     *
     * @param tenantId the tenant
     * @param tokenHash hash of the presented token
     * @return the record, or empty
     */
    Optional<AccessToken> findByHash(String tenantId, String tokenHash);

    /**
     * Revokes one token (RFC 7009).
     *
     * @param tenantId the tenant
     * @param tokenHash hash of the token
     * @param at when
     * @return true when this call revoked it; false when absent or already revoked
     */
    boolean revoke(String tenantId, String tokenHash, Instant at);

    /**
     * Revokes, in one step, every token of a registration not revoked yet — or, with {@code assertionJti}, only those
     * exchanged for that assertion.
     *
     * @param tenantId the tenant
     * @param registrationId the registration
     * @param assertionJti only the tokens of this assertion, or null for all of the registration's
     * @param at when
     * @return how many tokens this call revoked
     */
    int revokeAll(String tenantId, String registrationId, @Nullable String assertionJti, Instant at);

    /**
     * Removes tokens whose {@code expiresAt} is at or before {@code now}, revoked or not.
     *
     * @param now the current instant
     * @return how many were removed
     */
    int sweep(Instant now);
}
