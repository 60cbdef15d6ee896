package dev.authmd.core.service;

import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditEventType;
import dev.authmd.spi.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Captures audit events; can be told to throw on every event (after recording it). */
final class RecordingAuditSink implements AuditSink {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public void emit(AuditEvent event) {
        events.add(event);
        if (failing) {
            throw new IllegalStateException("audit backend unavailable");
        }
    }

    List<AuditEvent> ofType(AuditEventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    List<AuditEventType> types() {
        return events.stream().map(AuditEvent::type).toList();
    }

    void clear() {
        events.clear();
    }
}
