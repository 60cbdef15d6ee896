package dev.authmd.spi.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The response to a {@link FetchRequest}.
 *
 * @param status HTTP status code
 * @param headers response headers; lookups through {@link #header(String)} ignore case
 * @param body the body bytes, at most the request's size cap
 */
// an HTTP client hands over bytes; the constructor copies them in, so callers cannot mutate the record
@SuppressWarnings("ArrayRecordComponent")
public record FetchResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /**
     * Creates a response, copying {@code headers} (names lower-cased) and {@code body}, so later changes to the
     * arguments do not show here.
     *
     * @param status HTTP status code
     * @param headers response headers; lookups through {@link #header(String)} ignore case
     * @param body the body bytes, at most the request's size cap
     * @throws NullPointerException if {@code headers} or {@code body} is null
     */
    public FetchResponse {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers cannot be null")
                .forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = Objects.requireNonNull(body, "body cannot be null").clone();
    }

    /**
     * {@return its first value, or empty}
     *
     * @param name header name, any case
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@return a copy of the body} */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** {@return the body decoded as UTF-8} */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FetchResponse that
                && status == that.status
                && headers.equals(that.headers)
                && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "FetchResponse[" + status + ", " + body.length + " bytes]";
    }
}
