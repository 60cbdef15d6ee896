package dev.authmd.client;

/**
 * A guard refused what a service sent: a redirect, plain http to a host not allowed for development, an endpoint or
 * verification page on another origin, an {@code issuer} that is not the one the resource named, an answer over the
 * size cap or slower than the deadline. Nothing was stored.
 */
public final class UnsafeServiceException extends AuthMdClientException {

    private static final long serialVersionUID = 1L;

    /** @param message what was refused and why */
    public UnsafeServiceException(String message) {
        super(message);
    }
}
