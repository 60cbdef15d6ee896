package dev.authmd.core.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps every formatted line, for assertions. Test-only; thread-safe. */
@SuppressWarnings("exports")
public final class RecordingLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    /** One recorded call. */
    public record Line(Level level, String message, Throwable throwable) {}

    private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());

    /** @param name the logger name */
    public RecordingLogger(String name) {
        this.name = name;
    }

    /** @return a snapshot of the recorded lines */
    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** @return every message and throwable text, joined, for "never logs X" assertions */
    public String allText() {
        StringBuilder text = new StringBuilder();
        for (Line line : lines()) {
            text.append(line.message()).append('\n');
            if (line.throwable() != null) {
                text.append(line.throwable()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        lines.add(new Line(level, MessageFormatter.basicArrayFormat(messagePattern, arguments), throwable));
    }

    @Override
    public boolean isTraceEnabled() {
        return true;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
