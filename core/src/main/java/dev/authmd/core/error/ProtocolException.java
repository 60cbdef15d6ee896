package dev.authmd.core.error;

import java.util.Objects;

/**
 * A request the protocol rejects, carrying the {@link ProtocolError} that decides the wire
 * code and status. Thrown only where a typed result would be awkward (deep in parsing);
 * use cases return typed results.
 */
public class ProtocolException extends AgentAuthException {

    private static final long serialVersionUID = 1L;

    private final ProtocolError error;

    /**
     * @param error the wire error
     * @param message the text for the {@code message} member; never a secret
     */
    public ProtocolException(ProtocolError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error cannot be null");
    }

    /**
     * @param error the wire error
     * @param message the text for the {@code message} member; never a secret
     * @param cause the underlying cause
     */
    public ProtocolException(ProtocolError error, String message, Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error, "error cannot be null");
    }

    /** @return the wire error */
    public ProtocolError error() {
        return error;
    }
}
