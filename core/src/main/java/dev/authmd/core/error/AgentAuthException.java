package dev.authmd.core.error;

/**
 * Root of every exception the library throws. Subtypes separate a request the protocol
 * rejects ({@link ProtocolException}) from a failure of the library or its environment.
 */
public class AgentAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, never containing a secret */
    public AgentAuthException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, never containing a secret
     * @param cause the underlying failure
     */
    public AgentAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
