package dev.authmd.core.internal.audit;

import dev.authmd.core.audit.AuditEventJson;
import dev.authmd.spi.audit.AuditEventType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An audit event as pure code produces it: what happened and its details, before the service adds an event id, the
 * time, the tenant and the client IP ({@link AuditEvents#stamp}).
 *
 * <p>Immutable; {@code details} keeps its insertion order, which is the order of the JSON form. Detail names may not
 * collide with the envelope members of {@link AuditEventJson}.
 *
 * @param type what happened
 * @param details event-specific members in order; no null names or values
 */
public record AuditDraft(AuditEventType type, Map<String, String> details) {

    /** Envelope member names that details may not reuse. */
    public static final Set<String> RESERVED = Set.of("event_id", "type", "occurred_at", "tenant_id", "client_ip");

    /**
     * Checks that {@code type}, {@code details} and every detail name and value are not null and that no detail name is
     * in {@link #RESERVED}, and copies {@code details} into an unmodifiable map that keeps their order.
     *
     * @param type what happened
     * @param details event-specific members in order; no null names or values
     * @throws NullPointerException if {@code type}, {@code details} or a detail name or value is null
     * @throws IllegalArgumentException if a detail name is in {@link #RESERVED}
     */
    public AuditDraft {
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(details, "details cannot be null");
        Map<String, String> copy = new LinkedHashMap<>();
        details.forEach((name, value) -> {
            Objects.requireNonNull(name, "detail names cannot be null");
            Objects.requireNonNull(value, "detail values cannot be null");
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("detail name is reserved for the envelope: " + name);
            }
            copy.put(name, value);
        });
        details = Collections.unmodifiableMap(copy);
    }
}
