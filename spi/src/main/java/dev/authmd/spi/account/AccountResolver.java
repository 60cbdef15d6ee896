package dev.authmd.spi.account;

import java.util.Optional;

/**
 * The host's users, as the library needs them to match an agent's user (docs/protocol.md#v01-3a: delegation, then
 * verified email, then verified phone, then just-in-time provisioning) and to give a claimed registration an owner
 * (§4).
 *
 * <p>The library looks up delegations itself ({@code DelegationStore}); this interface covers only what the host owns.
 * Implementations are thread-safe. Matching must be on <em>verified</em> addresses only: a user who never proved an
 * email must not be found by it.
 */
public interface AccountResolver {

    /**
     * {@return the user whose verified email this is, or empty}
     *
     * @param tenantId the tenant
     * @param email a normalised email (trimmed, domain lower-cased)
     */
    Optional<UserAccount> findByVerifiedEmail(String tenantId, String email);

    /**
     * {@return the user whose verified phone this is, or empty}
     *
     * @param tenantId the tenant
     * @param phoneNumber an E.164 phone number
     */
    Optional<UserAccount> findByVerifiedPhone(String tenantId, String phoneNumber);

    /**
     * Creates a user just in time, when policy allows it.
     *
     * @param request the verified facts to create the user from
     * @return the new user, or empty when the host does not provision users this way
     */
    Optional<UserAccount> provision(ProvisionRequest request);

    /**
     * Whether an email domain is managed by enterprise SSO: the library then never links an account by email alone and
     * runs the claim ceremony instead (§3a step-up).
     *
     * @param tenantId the tenant
     * @param domain a lower-cased email domain
     * @return true when the domain is SSO-managed; false by default
     */
    default boolean isSsoManagedDomain(String tenantId, String domain) {
        return false;
    }
}
