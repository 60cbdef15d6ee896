package dev.authmd.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.authmd.core.internal.audit.AuditDraft;
import dev.authmd.spi.audit.AuditEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * The stable JSON form of an {@link AuditEvent} (docs/protocol.md#v01-8): one compact object,
 *
 * <pre>{@code
 * {"event_id":"evt_…","type":"claim.requested","occurred_at":"2026-05-04T12:00:00.000Z",
 *  "tenant_id":"default","client_ip":"203.0.113.7","registration_id":"reg_…","email":"a@example.com"}
 * }</pre>
 *
 * envelope members first ({@code client_ip} omitted when unknown), then the details in their order. {@code occurred_at}
 * is ISO-8601 UTC with exactly three fraction digits (truncated). Every non-ASCII character is escaped, so the output
 * is ASCII and one line: safe for any log pipeline.
 *
 * <p>Thread-safe; stateless.
 */
public final class AuditEventJson {

    private static final JsonFactory JSON =
            JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AuditEventJson() {}

    /**
     * Writes an audit event as compact JSON.
     *
     * @param event the event
     * @return its compact JSON form
     * @throws IllegalArgumentException when a detail reuses an envelope member name
     */
    public static String write(AuditEvent event) {
        Objects.requireNonNull(event, "event cannot be null");
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event_id", event.eventId());
            json.writeStringField("type", event.type().wireName());
            json.writeStringField("occurred_at", MILLIS_UTC.format(event.occurredAt()));
            json.writeStringField("tenant_id", event.tenantId());
            if (event.clientIp() != null) {
                json.writeStringField("client_ip", event.clientIp());
            }
            for (Map.Entry<String, String> detail : event.details().entrySet()) {
                if (AuditDraft.RESERVED.contains(detail.getKey())) {
                    throw new IllegalArgumentException("detail name is reserved for the envelope: " + detail.getKey());
                }
                json.writeStringField(detail.getKey(), detail.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }
}
