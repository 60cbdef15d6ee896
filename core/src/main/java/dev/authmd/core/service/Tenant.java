package dev.authmd.core.service;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.trust.TrustList;
import java.util.Objects;

/**
 * One tenant of the service: its id, its configuration (identifiers, methods, limits) and the agent providers it
 * trusts. Tokens, registrations and credentials of one tenant are never accepted in another (docs/protocol.md#v01-7).
 *
 * @param id the tenant id
 * @param config its configuration
 * @param trustList the providers whose ID-JAGs and logout tokens it accepts
 */
public record Tenant(String id, AgentAuthConfig config, TrustList trustList) {

    /**
     * Checks that {@code id}, {@code config} and {@code trustList} are not null and that {@code id} is not blank.
     *
     * @param id the tenant id
     * @param config its configuration
     * @param trustList the providers whose ID-JAGs and logout tokens it accepts
     * @throws NullPointerException if {@code id}, {@code config} or {@code trustList} is null
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public Tenant {
        Objects.requireNonNull(id, "id cannot be null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("tenant id cannot be blank");
        }
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(trustList, "trustList cannot be null");
    }
}
