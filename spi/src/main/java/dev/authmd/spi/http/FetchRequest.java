package dev.authmd.spi.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One outbound GET and the limits it must be performed within.
 *
 * @param uri absolute {@code https} (or an allowed development {@code http}) URI
 * @param headers request headers to send, e.g. {@code Accept}
 * @param connectTimeout connect timeout
 * @param readTimeout timeout for the whole response once connected
 * @param maxBodyBytes the body is refused when longer than this
 */
public record FetchRequest(
        URI uri, Map<String, String> headers, Duration connectTimeout, Duration readTimeout, int maxBodyBytes) {

    /**
     * Creates a request, copying {@code headers} into an unmodifiable map.
     *
     * @param uri absolute {@code https} (or an allowed development {@code http}) URI
     * @param headers request headers to send, e.g. {@code Accept}
     * @param connectTimeout connect timeout
     * @param readTimeout timeout for the whole response once connected
     * @param maxBodyBytes the body is refused when longer than this
     * @throws NullPointerException if {@code uri}, {@code headers}, {@code connectTimeout} or {@code readTimeout} is
     *     null, or {@code headers} holds a null
     * @throws IllegalArgumentException if {@code uri} is not absolute or {@code maxBodyBytes} is not positive
     */
    public FetchRequest {
        Objects.requireNonNull(uri, "uri cannot be null");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers cannot be null"));
        Objects.requireNonNull(connectTimeout, "connectTimeout cannot be null");
        Objects.requireNonNull(readTimeout, "readTimeout cannot be null");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("uri must be absolute: " + uri);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }
}
