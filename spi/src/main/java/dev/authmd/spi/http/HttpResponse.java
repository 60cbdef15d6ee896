package dev.authmd.spi.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, framework-neutral HTTP response produced by the library's endpoints. An adapter copies the status,
 * every header and the body to its framework's response.
 *
 * <p>Header names keep the case they were given in; lookups ignore case. Thread-safe.
 */
public final class HttpResponse {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private HttpResponse(Builder builder) {
        this.status = builder.status;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = builder.body.clone();
    }

    /**
     * {@return a builder with no headers and an empty body}
     *
     * @param status the HTTP status code (100–599)
     */
    public static Builder builder(int status) {
        return new Builder(status);
    }

    /** {@return the HTTP status code} */
    public int status() {
        return status;
    }

    /** {@return every header in insertion order, names as given} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * {@return the first value of that header, or empty}
     *
     * @param name a header name, any case
     */
    public Optional<String> header(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** {@return a copy of the body bytes} */
    public byte[] body() {
        return body.clone();
    }

    /** {@return the body decoded as UTF-8} */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // the body may carry a credential: never print it
        return "HttpResponse[" + status + "]";
    }

    /** Builds an {@link HttpResponse}. Not thread-safe. */
    public static final class Builder {
        private final int status;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];

        private Builder(int status) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be between 100 and 599: " + status);
            }
            this.status = status;
        }

        /**
         * Adds a header value; a second call with the same name (any case) adds another value.
         *
         * @param name header name
         * @param value header value; must not contain CR or LF
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name cannot be null");
            Objects.requireNonNull(value, "value cannot be null");
            if (containsLineBreak(name) || containsLineBreak(value)) {
                throw new IllegalArgumentException("header " + name + " must not contain CR or LF");
            }
            String key = headers.keySet().stream()
                    .filter(existing -> existing.equalsIgnoreCase(name))
                    .findFirst()
                    .orElse(name);
            headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Replaces every value of a header.
         *
         * @param name header name
         * @param value the single new value
         * @return this builder
         */
        public Builder setHeader(String name, String value) {
            Objects.requireNonNull(name, "name cannot be null");
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            return header(name, value);
        }

        /**
         * Sets the body.
         *
         * @param body the body bytes (copied); null means empty
         * @return this builder
         */
        public Builder body(byte @Nullable [] body) {
            this.body = body == null ? new byte[0] : body.clone();
            return this;
        }

        /**
         * Sets a UTF-8 body and its {@code Content-Type}.
         *
         * @param body the text
         * @param contentType the media type, e.g. {@code application/json}
         * @return this builder
         */
        public Builder body(String body, String contentType) {
            Objects.requireNonNull(body, "body cannot be null");
            setHeader("Content-Type", contentType);
            return body(body.getBytes(StandardCharsets.UTF_8));
        }

        /** {@return the immutable response} */
        public HttpResponse build() {
            return new HttpResponse(this);
        }

        private static boolean containsLineBreak(String s) {
            return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
        }
    }

    /** {@return lower-case names of the headers present; handy for adapters and tests} */
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        headers.keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        return names;
    }
}
