package dev.authmd.core.internal.audit;

import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditSink;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps any {@link AuditSink} so that its failure never changes a protocol outcome (issue 4: "the audit sink throws →
 * the protocol result is unaffected and the failure is logged").
 *
 * <p>A {@link RuntimeException} from the delegate is caught and logged at WARN with the event type and the exception
 * class only: neither the event's details nor the exception message (which may quote them) reach the log.
 * {@link Error}s propagate.
 *
 * <p>Thread-safe when the delegate is.
 */
public final class SafeAuditSink implements AuditSink {

    private final AuditSink delegate;
    private final Logger logger;

    private SafeAuditSink(AuditSink delegate, Logger logger) {
        this.delegate = delegate;
        this.logger = logger;
    }

    /**
     * Wraps a sink so that its failures never reach the caller.
     *
     * @param sink the sink to guard
     * @return {@code sink} itself when it is already a {@link SafeAuditSink}, else a guard around it
     */
    public static SafeAuditSink wrap(AuditSink sink) {
        Objects.requireNonNull(sink, "sink cannot be null");
        if (sink instanceof SafeAuditSink safe) {
            return safe;
        }
        return new SafeAuditSink(sink, LoggerFactory.getLogger(SafeAuditSink.class));
    }

    /** For tests: guard with a given logger. */
    public static SafeAuditSink wrap(AuditSink sink, Logger logger) {
        return new SafeAuditSink(
                Objects.requireNonNull(sink, "sink cannot be null"),
                Objects.requireNonNull(logger, "logger cannot be null"));
    }

    /**
     * Passes the event to the delegate, logging and swallowing any failure.
     *
     * @param event passed to the delegate; a failure there is logged and swallowed
     */
    @Override
    public void emit(AuditEvent event) {
        Objects.requireNonNull(event, "event cannot be null");
        try {
            delegate.emit(event);
        } catch (RuntimeException e) {
            logger.warn(
                    "Audit sink failed to record a {} event ({}); the request was not affected",
                    event.type().wireName(),
                    e.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return "SafeAuditSink[" + delegate + "]";
    }
}
