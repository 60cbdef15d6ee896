package dev.authmd.core.assertion;

import dev.authmd.protocol.error.ProtocolError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why an assertion was refused: the wire error, a message safe to send to the agent (never a secret, never the token),
 * and extra members for the error body — {@code max_age} (seconds) and {@code acr_values} (space-separated) for
 * {@code insufficient_user_authentication}.
 *
 * @param error the wire error (docs/protocol.md#v01-3a and #v01-6)
 * @param message safe explanation for the {@code message} member
 * @param members extra error-body members; empty for most errors
 * @param reason which check refused it, in the current profile's {@code reason} vocabulary ({@code malformed},
 *     {@code invalid_type}, {@code missing_claim}, {@code unsupported_cnf}, …); null when the error code says it all
 */
public record AssertionRejection(
        ProtocolError error,
        @Nullable String message,
        Map<String, Object> members,
        @Nullable String reason) {

    /**
     * Checks that {@code error}, {@code message} and {@code members} are not null, and copies {@code members} into an
     * unmodifiable map.
     *
     * @param error the wire error (docs/protocol.md#v01-3a and #v01-6)
     * @param message safe explanation for the {@code message} member
     * @param members extra error-body members; empty for most errors
     * @param reason which check refused it; null when the error code says it all
     * @throws NullPointerException if {@code error}, {@code message} or {@code members} is null
     */
    public AssertionRejection {
        Objects.requireNonNull(error, "error cannot be null");
        Objects.requireNonNull(message, "message cannot be null");
        members = java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(members, "members cannot be null")));
    }

    /**
     * Creates a rejection whose error code says which check refused it.
     *
     * @param error the wire error (docs/protocol.md#v01-3a and #v01-6)
     * @param message safe explanation for the {@code message} member
     * @param members extra error-body members; empty for most errors
     */
    public AssertionRejection(ProtocolError error, @Nullable String message, Map<String, Object> members) {
        this(error, message, members, null);
    }

    /**
     * Creates a rejection carrying a wire error and a safe explanation.
     *
     * @param error the wire error
     * @param message safe explanation
     * @return a rejection without extra members
     */
    public static AssertionRejection of(ProtocolError error, String message) {
        return new AssertionRejection(error, message, Map.of());
    }
}
