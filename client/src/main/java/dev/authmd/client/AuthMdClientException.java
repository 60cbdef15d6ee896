package dev.authmd.client;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Something stopped the client: a service that is not auth.md, a guard that refused what a service sent, an error
 * answer, a network failure. The message says what happened and never carries a secret. Subclasses narrow the cause.
 */
public class AuthMdClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened, without secrets */
    public AuthMdClientException(String message) {
        super(message);
    }

    /**
     * @param message what happened, without secrets
     * @param cause the underlying failure
     */
    public AuthMdClientException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** {@return the wire error code the service answered, when this is an error answer} */
    public Optional<String> errorCode() {
        return Optional.empty();
    }
}
