package dev.authmd.spi.store;

import java.util.List;
import java.util.Optional;

/**
 * Records which provider user {@code (iss, sub)} is linked to which host user (docs/protocol.md#v01-3a, §6). The first
 * accepted ID-JAG for a pair links it; a logout token removes the link.
 *
 * <p>{@link #insert} is put-if-absent on {@code (tenant, iss, sub)}. Lookups never cross tenants. Null arguments are
 * rejected with a {@link NullPointerException}; returned lists belong to the caller. Thread-safe; failures are
 * {@link StoreException}s. Extend {@code DelegationStoreContract} from {@code authmd-testkit}.
 */
public interface DelegationStore {

    /**
     * {@return true when recorded; false when that {@code (tenant, iss, sub)} is already linked}
     *
     * @param delegation the link to record
     */
    boolean insert(Delegation delegation);

    /**
     * {@return the link, or empty}
     *
     * @param tenantId the tenant
     * @param issuer the {@code iss}
     * @param subject the {@code sub}
     */
    Optional<Delegation> find(String tenantId, String issuer, String subject);

    /**
     * {@return true when a link was removed by this call}
     *
     * @param tenantId the tenant
     * @param issuer the {@code iss}
     * @param subject the {@code sub}
     */
    boolean delete(String tenantId, String issuer, String subject);

    /**
     * {@return every link to that user, oldest first (by {@code createdAt}, then issuer, then subject)}
     *
     * @param tenantId the tenant
     * @param userId the host's user id
     */
    List<Delegation> findByUser(String tenantId, String userId);
}
