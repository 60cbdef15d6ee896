package dev.authmd.core.service;

import org.jspecify.annotations.Nullable;

/**
 * A copy of a failure for the log: every exception class and stack frame of the chain, no message. A store or mailer
 * may quote the values it was given (an email, a hash, a link) in its messages; what the service logs must never carry
 * them.
 */
final class Redacted extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 8;

    private final String originalClass;

    private Redacted(Throwable original, @Nullable Redacted cause) {
        // the cause goes in through the constructor: Throwable's initCause refuses to set one after a constructor
        // that took a (null) cause, so building the chain top-down would throw instead of logging
        super(original.getClass().getName(), cause, false, true);
        this.originalClass = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /**
     * Copies a throwable's chain of classes and stack traces without any message.
     *
     * @param failure any throwable
     * @return the same chain of classes and stack traces (at most {@value #MAX_DEPTH} deep), without any message
     */
    static Throwable of(Throwable failure) {
        return copy(failure, 0);
    }

    private static Redacted copy(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        Redacted causeCopy = cause != null && cause != failure && depth < MAX_DEPTH ? copy(cause, depth + 1) : null;
        return new Redacted(failure, causeCopy);
    }

    // the class name and "(message withheld)" is the whole point: getMessage() stays the class name
    @SuppressWarnings("OverrideThrowableToString")
    @Override
    public String toString() {
        return originalClass + " (message withheld)";
    }
}
