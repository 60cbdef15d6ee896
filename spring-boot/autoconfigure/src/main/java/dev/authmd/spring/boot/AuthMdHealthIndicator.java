package dev.authmd.spring.boot;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.service.ServiceHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health of the auth.md service ({@code /actuator/health/authmd}): {@code DOWN} when a store does not answer a
 * keyed read, {@code UP} otherwise, with each trusted provider's key freshness as details ({@code inline},
 * {@code fresh}, {@code stale}, {@code not_fetched}: stale keys are refreshed on the next verification, so they do not
 * make the service unhealthy). No write, no network call.
 */
public final class AuthMdHealthIndicator implements HealthIndicator {

    private final AgentAuthService service;

    /** @param service the service */
    public AuthMdHealthIndicator(AgentAuthService service) {
        this.service = Objects.requireNonNull(service, "service cannot be null");
    }

    @Override
    public Health health() {
        ServiceHealth health = service.health();
        Map<String, Object> keys = new LinkedHashMap<>();
        for (ServiceHealth.ProviderKeyHealth provider : health.providerKeys()) {
            keys.put(provider.tenantId() + " " + provider.issuer(), provider.state());
        }
        Health.Builder builder = health.storesReachable() ? Health.up() : Health.down();
        if (!health.storesReachable()) {
            builder.withDetail("storeFailures", health.storeFailures());
        }
        return builder.withDetail("providerKeys", keys).build();
    }
}
