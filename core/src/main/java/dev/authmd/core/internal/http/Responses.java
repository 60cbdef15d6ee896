package dev.authmd.core.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.authmd.protocol.error.ProtocolError;
import dev.authmd.spi.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the library's HTTP responses: JSON bodies, the {@code {"error","message"}} shape of docs/protocol.md#v01-7,
 * and the caching headers each kind of answer needs.
 */
public final class Responses {

    /** JSON media type with charset, as every JSON answer is sent. */
    public static final String JSON = "application/json";
    /** {@code Cache-Control} for anything carrying a secret or an error. */
    public static final String NO_STORE = "no-store";

    private static final ObjectMapper WRITER = JsonMapper.builder().build();

    private Responses() {}

    /**
     * Builds an error response.
     *
     * @param error the wire error
     * @param message the {@code message} member; null uses the error's description
     * @return the error response, {@code Cache-Control: no-store}
     */
    public static HttpResponse error(ProtocolError error, @Nullable String message) {
        return errorBuilder(error, message, Map.of()).build();
    }

    /**
     * Starts building an error response.
     *
     * @param error the wire error
     * @param message the {@code message} member; null uses the error's description
     * @param extraMembers further members after {@code error} and {@code message}
     * @return a builder so callers can add headers such as {@code Retry-After}
     */
    public static HttpResponse.Builder errorBuilder(
            ProtocolError error, @Nullable String message, Map<String, ?> extraMembers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", message == null ? error.description() : message);
        body.putAll(extraMembers);
        return json(error.httpStatus(), body);
    }

    /**
     * Starts building a JSON response.
     *
     * @param status HTTP status
     * @param body a JSON-serialisable value (maps, lists, strings, numbers, booleans, null)
     * @return a JSON response builder with {@code Cache-Control: no-store}
     */
    public static HttpResponse.Builder json(int status, Object body) {
        return HttpResponse.builder(status)
                .body(write(body), JSON)
                .header("Cache-Control", NO_STORE)
                .header("X-Content-Type-Options", "nosniff");
    }

    /**
     * Writes a value as JSON.
     *
     * @param value a JSON-serialisable value
     * @return its compact JSON text
     */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "not serialisable as JSON: " + value.getClass().getName(), e);
        }
    }
}
