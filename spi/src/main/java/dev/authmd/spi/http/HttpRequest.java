package dev.authmd.spi.http;

import java.net.URLDecoder;
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
 * An immutable, framework-neutral HTTP request: what an adapter hands to the library's endpoints after reading it from
 * Servlet, Spring, the JDK server or anything else.
 *
 * <p>Header names are case-insensitive. The body is copied on the way in and on the way out, so a caller can never
 * mutate a request after it was built. Instances are thread-safe.
 *
 * <pre>{@code
 * HttpRequest request = HttpRequest.builder("POST", "/agent/auth")
 *         .header("Content-Type", "application/json")
 *         .body(bytes)
 *         .remoteAddress("203.0.113.7")
 *         .build();
 * }</pre>
 */
public final class HttpRequest {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final @Nullable String remoteAddress;

    private HttpRequest(Builder builder) {
        this.method = builder.method;
        this.path = builder.path;
        this.rawQuery = builder.rawQuery;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = builder.body.clone();
        this.remoteAddress = builder.remoteAddress;
    }

    /**
     * Starts a request.
     *
     * @param method the HTTP method, e.g. {@code GET}; upper-cased
     * @param path the decoded request path starting with {@code /}, without the query
     * @return a builder
     */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** {@return the upper-case HTTP method} */
    public String method() {
        return method;
    }

    /** {@return the request path, starting with {@code /}, without the query string} */
    public String path() {
        return path;
    }

    /** {@return the raw (still percent-encoded) query string, empty when there is none} */
    public String rawQuery() {
        return rawQuery;
    }

    /**
     * Returns the first value of a query parameter, percent-decoded as {@code application/x-www-form-urlencoded}.
     *
     * @param name the parameter name
     * @return the first value, or empty when the parameter is absent
     */
    public Optional<String> queryParameter(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        if (rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue; // an empty pair ("a=1&&b=2", a trailing "&") names no parameter
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    String value = eq < 0 ? "" : pair.substring(eq + 1);
                    return Optional.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed escape in someone else's parameter must not hide ours
            }
        }
        return Optional.empty();
    }

    /**
     * {@return the first value of that header, or empty}
     *
     * @param name a header name, any case
     */
    public Optional<String> header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * {@return every value of that header in arrival order; empty when absent}
     *
     * @param name a header name, any case
     */
    public List<String> headers(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** {@return all headers, keyed by lower-case name} */
    public Map<String, List<String>> allHeaders() {
        return headers;
    }

    /** {@return a copy of the body; empty array when there is none} */
    public byte[] body() {
        return body.clone();
    }

    /** {@return the body length in bytes} */
    public int bodyLength() {
        return body.length;
    }

    /**
     * {@return the peer's IP address as the adapter saw it (not taken from {@code X-Forwarded-For}); empty when
     * unknown}
     */
    public Optional<String> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    @Override
    public String toString() {
        // never print the body or headers: they may carry tokens
        return "HttpRequest[" + method + " " + path + "]";
    }

    /** Builds an {@link HttpRequest}. Not thread-safe. */
    public static final class Builder {
        private final String method;
        private final String path;
        private String rawQuery = "";
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private @Nullable String remoteAddress;

        private Builder(String method, String path) {
            Objects.requireNonNull(method, "method cannot be null");
            Objects.requireNonNull(path, "path cannot be null");
            if (method.isBlank()) {
                throw new IllegalArgumentException("method cannot be blank");
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            this.method = method.toUpperCase(Locale.ROOT);
            this.path = path;
        }

        /**
         * Sets the raw query string.
         *
         * @param rawQuery the raw query string without the leading {@code ?}; null means none
         * @return this builder
         */
        public Builder rawQuery(@Nullable String rawQuery) {
            this.rawQuery = rawQuery == null ? "" : rawQuery;
            return this;
        }

        /**
         * Adds one header value; repeated calls with the same name keep every value.
         *
         * @param name header name, any case
         * @param value header value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name cannot be null");
            Objects.requireNonNull(value, "value cannot be null");
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(value);
            return this;
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
         * Sets the body.
         *
         * @param body a UTF-8 body; null means empty
         * @return this builder
         */
        public Builder body(@Nullable String body) {
            return body(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Sets the peer IP address.
         *
         * @param remoteAddress the peer IP address; null when unknown
         * @return this builder
         */
        public Builder remoteAddress(@Nullable String remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        /** {@return the immutable request} */
        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}
