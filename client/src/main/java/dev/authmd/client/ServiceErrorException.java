package dev.authmd.client;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service answered an error: its HTTP status, its wire error code ({@code error}, or {@code err} at a
 * security-event endpoint) and its text ({@code error_description}, else {@code message}).
 */
public final class ServiceErrorException extends AuthMdClientException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;

    /** The wire error code, if the body had one. */
    private final @Nullable String code;

    /** The service's text, if any. */
    private final @Nullable String description;

    /**
     * @param what the step that failed, e.g. {@code "registration"}
     * @param status the HTTP status
     * @param code the wire error code, if the body had one
     * @param description the service's text, if any
     */
    public ServiceErrorException(String what, int status, @Nullable String code, @Nullable String description) {
        super(what + " failed: HTTP " + status + (code == null ? "" : " " + code)
                + (description == null ? "" : " (" + description + ")"));
        this.status = status;
        this.code = code;
        this.description = description;
    }

    /** {@return the HTTP status} */
    public int status() {
        return status;
    }

    @Override
    public Optional<String> errorCode() {
        return Optional.ofNullable(code);
    }

    /** {@return the service's text for the error} */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }
}
