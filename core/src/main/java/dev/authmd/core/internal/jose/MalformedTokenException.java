package dev.authmd.core.internal.jose;

/** A token that is not a well-formed compact JWS; the message is safe to send to the agent. */
public final class MalformedTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception describing what is wrong with a token.
     *
     * @param message what is wrong, without echoing the token
     */
    public MalformedTokenException(String message) {
        super(message, null, false, false);
    }
}
