package dev.authmd.spi.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One audit event (docs/protocol.md#v01-8). Immutable. Never carries a secret: tokens, OTPs and credentials are kept
 * out by the library that builds events.
 *
 * @param eventId a unique id ({@code evt_…})
 * @param type what happened
 * @param occurredAt when
 * @param tenantId the tenant
 * @param clientIp the client's IP when known, else null
 * @param details event-specific members in a stable order, e.g. {@code registration_id}
 */
public record AuditEvent(
        String eventId,
        AuditEventType type,
        Instant occurredAt,
        String tenantId,
        @Nullable String clientIp,
        Map<String, String> details) {

    /**
     * Creates an event, copying {@code details} into an unmodifiable map that keeps its order.
     *
     * @param eventId a unique id ({@code evt_…})
     * @param type what happened
     * @param occurredAt when
     * @param tenantId the tenant
     * @param clientIp the client's IP when known, else null
     * @param details event-specific members in a stable order, e.g. {@code registration_id}
     * @throws NullPointerException if {@code eventId}, {@code type}, {@code occurredAt}, {@code tenantId} or
     *     {@code details} is null, or a detail name or value is null
     */
    public AuditEvent {
        Objects.requireNonNull(eventId, "eventId cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(occurredAt, "occurredAt cannot be null");
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(details, "details cannot be null")
                .forEach((k, v) -> copy.put(
                        Objects.requireNonNull(k, "detail names cannot be null"),
                        Objects.requireNonNull(v, "detail values cannot be null")));
        details = Collections.unmodifiableMap(copy);
    }

    /** {@return the client IP, when known} */
    public Optional<String> clientIpAddress() {
        return Optional.ofNullable(clientIp);
    }
}
