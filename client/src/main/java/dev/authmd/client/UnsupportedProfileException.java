package dev.authmd.client;

/**
 * The service speaks a shape of auth.md this client does not: the v0.4–v0.7 "flat" shape with its polling claim grant,
 * or metadata without an {@code agent_auth} block at all. The message names what was found.
 */
public final class UnsupportedProfileException extends AuthMdClientException {

    private static final long serialVersionUID = 1L;

    /** @param message what was found */
    public UnsupportedProfileException(String message) {
        super(message);
    }
}
