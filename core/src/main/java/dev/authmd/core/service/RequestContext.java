package dev.authmd.core.service;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking: the tenant the request resolved to and, when known, the client's IP address (used for per-IP rate
 * limits and audit events).
 *
 * @param tenantId the tenant; {@link #DEFAULT_TENANT} in single-tenant setups
 * @param clientIp the client IP, or null when unknown
 */
public record RequestContext(String tenantId, @Nullable String clientIp) {

    /** The tenant of single-tenant setups. */
    public static final String DEFAULT_TENANT = "default";

    /**
     * Checks that {@code tenantId} is not null and that {@code tenantId} is not blank.
     *
     * @param tenantId the tenant; {@link #DEFAULT_TENANT} in single-tenant setups
     * @param clientIp the client IP, or null when unknown
     * @throws NullPointerException if {@code tenantId} is null
     * @throws IllegalArgumentException if {@code tenantId} is blank
     */
    public RequestContext {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        if (tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId cannot be blank");
        }
    }

    /**
     * Creates a request context for the default tenant.
     *
     * @param clientIp the client IP, or null
     * @return a context in the default tenant
     */
    public static RequestContext defaultTenant(@Nullable String clientIp) {
        return new RequestContext(DEFAULT_TENANT, clientIp);
    }

    /** {@return the client IP, when known} */
    public Optional<String> clientAddress() {
        return Optional.ofNullable(clientIp);
    }
}
