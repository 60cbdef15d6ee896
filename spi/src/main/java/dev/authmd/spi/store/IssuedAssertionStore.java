package dev.authmd.spi.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Records of the identity assertions the service signed (current profile §4), by {@code (tenant, jti)}. An assertion
 * may be exchanged while its record is {@link AssertionState#ACTIVE}; superseding and revoking are one-way and decided
 * here, atomically, so a revocation racing an exchange has one order.
 *
 * <p>Implementations must be thread-safe and safe across replicas; {@code IssuedAssertionStoreContract} in the test kit
 * states every rule, races included.
 */
public interface IssuedAssertionStore {

    /**
     * Stores a new record.
     *
     * @param assertion a new record, {@link AssertionState#ACTIVE}
     * @return true when stored; false when its {@code (tenant, jti)} is already recorded (nothing changes)
     * @throws IllegalArgumentException when the record is not active
     */
    boolean insert(IssuedAssertion assertion);

    /**
     * Finds a record, in any state, expired ones included until swept.
     *
     * @param tenantId the tenant
     * @param jti the assertion's {@code jti}
     * @return the record, or empty
     */
    Optional<IssuedAssertion> find(String tenantId, String jti);

    /**
     * Retires one record: from {@link AssertionState#ACTIVE} to {@code next}, with {@code retiredAt = at}.
     *
     * @param tenantId the tenant
     * @param jti the assertion's {@code jti}
     * @param next {@link AssertionState#SUPERSEDED} or {@link AssertionState#REVOKED}
     * @param at when
     * @return true when this call retired it; false when it is absent or no longer active (nothing changes)
     * @throws IllegalArgumentException when {@code next} is {@link AssertionState#ACTIVE}
     */
    boolean retire(String tenantId, String jti, AssertionState next, Instant at);

    /**
     * Retires, in one step, every active record of a registration (a claim supersedes the pre-claim assertions; a
     * revocation revokes them all). Records no longer active are left as they are.
     *
     * @param tenantId the tenant
     * @param registrationId the registration
     * @param next {@link AssertionState#SUPERSEDED} or {@link AssertionState#REVOKED}
     * @param at when
     * @return how many records this call retired
     * @throws IllegalArgumentException when {@code next} is {@link AssertionState#ACTIVE}
     */
    int retireByRegistration(String tenantId, String registrationId, AssertionState next, Instant at);

    /**
     * Removes records whose {@code expiresAt} is at or before {@code now}, in any state.
     *
     * @param now the current instant
     * @return how many were removed
     */
    int sweep(Instant now);
}
