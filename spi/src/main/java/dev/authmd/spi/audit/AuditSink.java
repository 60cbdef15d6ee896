package dev.authmd.spi.audit;

/**
 * Receives audit events (docs/protocol.md#v01-8). The core's default writes them through SLF4J; hosts forward them to
 * their SIEM or event log.
 *
 * <p>Thread-safe. A sink that throws never changes a protocol outcome: the library logs the failure and carries on.
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * Records one audit event.
     *
     * @param event the event to record
     */
    void emit(AuditEvent event);
}
