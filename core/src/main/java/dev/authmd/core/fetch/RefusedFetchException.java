package dev.authmd.core.fetch;

import java.io.IOException;

/**
 * An outbound fetch the {@link AddressGuard} or the {@link GuardedHttpFetcher} refused before or while talking to the
 * network: a private or loopback address, plain {@code http} to a host that is not an allowed development origin, a
 * body over the size cap. The message names the URL's host and the rule, never a secret.
 */
public final class RefusedFetchException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception naming the rule that refused the fetch.
     *
     * @param message which rule refused the fetch
     */
    public RefusedFetchException(String message) {
        super(message);
    }
}
