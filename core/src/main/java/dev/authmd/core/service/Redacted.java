package dev.authmd.core.service;

/**
 * A copy of a failure for the log: every exception class and stack frame of the chain, no message. A store or mailer
 * may quote the values it was given (an email, a hash, a link) in its messages; what the service logs must never carry
 * them.
 */
final class Redacted extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 8;

    private final String originalClass;

    private Redacted(Throwable original) {
        super(original.getClass().getName(), null, false, true);
        this.originalClass = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /**
     * Copies a throwable's chain of classes and stack traces without any message.
     *
     * @param failure any throwable
     * @return the same chain of classes and stack traces, without any message
     */
    static Throwable of(Throwable failure) {
        return copy(failure, 0);
    }

    private static Redacted copy(Throwable failure, int depth) {
        Redacted copy = new Redacted(failure);
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && depth < MAX_DEPTH) {
            copy.initCause(copy(cause, depth + 1));
        }
        return copy;
    }

    // the class name and "(message withheld)" is the whole point: getMessage() stays the class name
    @SuppressWarnings("OverrideThrowableToString")
    @Override
    public String toString() {
        return originalClass + " (message withheld)";
    }
}
