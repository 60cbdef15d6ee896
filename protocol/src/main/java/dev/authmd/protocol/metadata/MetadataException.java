package dev.authmd.protocol.metadata;

import dev.authmd.protocol.error.AgentAuthException;
import java.util.List;
import java.util.Objects;

/**
 * A discovery document (docs/protocol.md#v01-2) that cannot be read or does not pass validation. Thrown by
 * {@link MetadataJson} when a document is not JSON, is not an object, misses {@code resource} or holds a known member
 * of the wrong JSON type, and by {@link ValidationResult#requireValid()} with one problem per broken rule.
 *
 * <p>Messages name the member at fault (for example {@code "scopes_supported must be an array of strings"}) and never
 * contain a secret; discovery documents are public.
 */
public class MetadataException extends AgentAuthException {

    private static final long serialVersionUID = 1L;

    /** One message per problem; an immutable list. */
    private final List<String> problems;

    /**
     * Creates an exception for one problem.
     *
     * @param message what is wrong, naming the member
     */
    public MetadataException(String message) {
        super(Objects.requireNonNull(message, "message cannot be null"));
        this.problems = List.of(message);
    }

    /**
     * Creates an exception for one problem, with the underlying failure.
     *
     * @param message what is wrong, naming the member
     * @param cause the underlying parser failure
     */
    public MetadataException(String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message cannot be null"), cause);
        this.problems = List.of(message);
    }

    /**
     * Creates an exception for one problem, with the underlying failure.
     *
     * @param problems one message per broken rule; not empty
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public MetadataException(List<String> problems) {
        super(String.join("; ", requireNotEmpty(problems)));
        this.problems = List.copyOf(problems);
    }

    /** {@return one message per problem found; a parse error has exactly one} */
    public List<String> problems() {
        return problems;
    }

    private static List<String> requireNotEmpty(List<String> problems) {
        Objects.requireNonNull(problems, "problems cannot be null");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems cannot be empty");
        }
        return problems;
    }
}
