package dev.authmd.core.audit;

import dev.authmd.spi.audit.AuditEvent;
import dev.authmd.spi.audit.AuditSink;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AuditSink}: writes each event's {@link AuditEventJson} form at INFO to the logger
 * {@value #LOGGER_NAME}, so a host routes audit lines with its logging configuration.
 *
 * <p>Thread-safe. Nothing is serialised when INFO is off for that logger.
 */
public final class Slf4jAuditSink implements AuditSink {

    /** The logger events go to. */
    public static final String LOGGER_NAME = "dev.authmd.audit";

    private final Logger logger;

    /** Logs to {@value #LOGGER_NAME}. */
    public Slf4jAuditSink() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    /**
     * Creates a sink that writes to the given logger.
     *
     * @param logger where events go; for tests
     */
    Slf4jAuditSink(Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger cannot be null");
    }

    /**
     * Writes the event to the audit logger.
     *
     * @param event written at INFO as its JSON form
     */
    @Override
    public void emit(AuditEvent event) {
        Objects.requireNonNull(event, "event cannot be null");
        if (logger.isInfoEnabled()) {
            logger.info("{}", AuditEventJson.write(event));
        }
    }

    @Override
    public String toString() {
        return "Slf4jAuditSink[" + logger.getName() + "]";
    }
}
