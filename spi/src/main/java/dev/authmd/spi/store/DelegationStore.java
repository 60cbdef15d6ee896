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
     * @param delegation the link to record
     * @return true when recorded; false when that {@code (tenant, iss, sub)} is already linked
     */
    boolean insert(Delegation delegation);

    /**
     * @param tenantId the tenant
     * @param issuer the {@code iss}
     * @param subject the {@code sub}
     * @return the link, or empty
     */
    Optional<Delegation> find(String tenantId, String issuer, String subject);

    /**
     * @param tenantId the tenant
     * @param issuer the {@code iss}
     * @param subject the {@code sub}
     * @return true when a link was removed by this call
     */
    boolean delete(String tenantId, String issuer, String subject);

    /**
     * @param tenantId the tenant
     * @param userId the host's user id
     * @return every link to that user, oldest first (by {@code createdAt}, then issuer, then subject)
     */
    List<Delegation> findByUser(String tenantId, String userId);
}
