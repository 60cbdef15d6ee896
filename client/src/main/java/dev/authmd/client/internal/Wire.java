package dev.authmd.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.client.AuthMdClientException;
import dev.authmd.client.ServiceErrorException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The tolerant reader: unknown members are ignored, {@code scopes} may be an array or a {@code {pre_claim, post_claim}}
 * object, times may be RFC 3339 strings or epoch seconds, error text may be in {@code error_description} or
 * {@code message}, a refresh token may be a string or a {@code {value, expires_at}} object.
 */
public final class Wire {

    static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {}

    /** {@return a new empty JSON object} */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * {@return a JSON object as compact text}
     *
     * @param node the object
     */
    public static String write(ObjectNode node) {
        return node.toString();
    }

    /**
     * {@return a form body}
     *
     * @param fields names and values, in order; null values are left out
     */
    public static String form(Map<String, @Nullable String> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, value) -> {
            if (value != null) {
                body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return body.toString();
    }

    /**
     * {@return a member's text, when it is a non-blank string}
     *
     * @param node an object (or a missing node)
     * @param name the member
     */
    public static Optional<String> text(@Nullable JsonNode node, String name) {
        if (node == null) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    /**
     * A bearer credential from a service's answer: a non-blank string that RFC 6750's {@code b64token} allows, since it
     * goes into an {@code Authorization} header as it is.
     *
     * @param node the answer
     * @param member the member holding the credential
     * @param what the answer, for the message
     * @return the credential; empty when the member is absent or not a non-blank string
     * @throws AuthMdClientException when it holds characters a header cannot carry (the message never quotes it)
     */
    public static Optional<String> bearer(@Nullable JsonNode node, String member, String what) {
        Optional<String> value = text(node, member);
        if (value.isPresent() && !B64TOKEN.matcher(value.get()).matches()) {
            throw new AuthMdClientException("the " + what + " answer's " + member
                    + " is not a bearer token (RFC 6750 b64token) and cannot be sent in an Authorization header");
        }
        return value;
    }

    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    /**
     * {@return a member read as a time: an RFC 3339 string or epoch seconds}
     *
     * @param node an object
     * @param name the member
     */
    public static Optional<Instant> instant(@Nullable JsonNode node, String name) {
        if (node == null) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            long seconds = value.asLong();
            // beyond year 9999 a service means "never"; an absurd number is no time at all
            return seconds < 0 || seconds > 253_402_300_799L
                    ? Optional.empty()
                    : Optional.of(Instant.ofEpochSecond(seconds));
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Instant.parse(value.asText()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * {@return the granted scopes: an array, a space-separated string, or the {@code pre_claim} (else
     * {@code post_claim}) list of an object}
     *
     * @param value the {@code scopes} or {@code scope} member
     * @param preClaim whether the registration is unclaimed (which list of an object applies)
     */
    public static List<String> scopes(@Nullable JsonNode value, boolean preClaim) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return List.of();
        }
        if (value.isTextual()) {
            List<String> scopes = new ArrayList<>();
            for (String scope : value.asText().trim().split("\\s+", -1)) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
            return scopes;
        }
        if (value.isArray()) {
            List<String> scopes = new ArrayList<>();
            value.forEach(scope -> {
                if (scope.isTextual()) {
                    scopes.add(scope.asText());
                }
            });
            return scopes;
        }
        if (value.isObject()) {
            JsonNode list = preClaim && value.has("pre_claim") ? value.get("pre_claim") : value.get("post_claim");
            return list != null && list.isArray() ? scopes(list, false) : List.of();
        }
        return List.of();
    }

    /**
     * The service's error answer as an exception: the code from {@code error} (or {@code err}), the text from
     * {@code error_description}, else {@code message} (else {@code description}).
     *
     * @param what the step that failed
     * @param reply the answer
     * @return the exception to throw
     */
    public static ServiceErrorException error(String what, Reply reply) {
        JsonNode body = reply.json().orElse(null);
        String code = text(body, "error").or(() -> text(body, "err")).orElse(null);
        String description = text(body, "error_description")
                .or(() -> text(body, "message"))
                .or(() -> text(body, "description"))
                .map(Wire::printable)
                .orElse(null);
        return new ServiceErrorException(what, reply.status(), code == null ? null : printable(code), description);
    }

    /**
     * {@return the wire error code of an answer, if it has one}
     *
     * @param reply the answer
     */
    public static Optional<String> errorCode(Reply reply) {
        JsonNode body = reply.json().orElse(null);
        return text(body, "error").or(() -> text(body, "err"));
    }

    /** Service text goes into exception messages: keep it short and printable. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
