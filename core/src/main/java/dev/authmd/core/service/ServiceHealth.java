package dev.authmd.core.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AgentAuthService#health()} found: whether every store answered, and how fresh each trusted provider's
 * keys are. For a health endpoint (the Spring Boot starter's Actuator indicator reads it).
 *
 * @param storeFailures the stores that failed a keyed read, by name ({@code registrations}, …), with the exception
 *     type; empty when all answered
 * @param providerKeys one entry per tenant and trusted provider
 */
public record ServiceHealth(Map<String, String> storeFailures, List<ProviderKeyHealth> providerKeys) {

    /**
     * Copies the members.
     *
     * @param storeFailures failing stores
     * @param providerKeys key freshness
     */
    public ServiceHealth {
        storeFailures = Map.copyOf(storeFailures);
        providerKeys = List.copyOf(providerKeys);
    }

    /** {@return whether every store answered} */
    public boolean storesReachable() {
        return storeFailures.isEmpty();
    }

    /**
     * One trusted provider's keys in one tenant.
     *
     * @param tenantId the tenant
     * @param issuer the provider
     * @param state {@code inline} (given in the trust list, never out of date), {@code fresh}, "stale" (past the
     *     lifetime their last download announced: refreshed on the next verification) or {@code not_fetched} (keys are
     *     fetched on first use)
     * @param freshUntil until when the last downloaded keys are fresh; empty for inline keys and before a download
     */
    public record ProviderKeyHealth(String tenantId, String issuer, String state, Optional<Instant> freshUntil) {

        /**
         * Checks the members.
         *
         * @param tenantId the tenant
         * @param issuer the provider
         * @param state the state
         * @param freshUntil until when fresh
         */
        public ProviderKeyHealth {
            Objects.requireNonNull(tenantId, "tenantId cannot be null");
            Objects.requireNonNull(issuer, "issuer cannot be null");
            Objects.requireNonNull(state, "state cannot be null");
            Objects.requireNonNull(freshUntil, "freshUntil cannot be null");
        }
    }
}
