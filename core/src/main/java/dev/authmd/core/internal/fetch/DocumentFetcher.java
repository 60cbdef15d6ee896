package dev.authmd.core.internal.fetch;

import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.spi.http.FetchRequest;
import dev.authmd.spi.http.FetchResponse;
import dev.authmd.spi.http.HttpFetcher;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fetches one JSON document through the host's {@link HttpFetcher} with the configured limits; anything but status 200
 * is a failure (so a redirect is never followed). Thread-safe.
 */
public final class DocumentFetcher {

    private static final Map<String, String> ACCEPT_JSON = Map.of("Accept", "application/json");

    private final HttpFetcher fetcher;
    private final FetchSettings settings;

    /**
     * Creates a document fetcher.
     *
     * @param fetcher the outbound fetcher (normally guarded)
     * @param settings limits and cache lifetimes
     */
    public DocumentFetcher(HttpFetcher fetcher, FetchSettings settings) {
        this.fetcher = fetcher;
        this.settings = settings;
    }

    /** {@return the settings in use} */
    public FetchSettings settings() {
        return settings;
    }

    /**
     * Fetches a document.
     *
     * @param uri the document URL
     * @return the document
     * @throws IOException when it could not be fetched, or the status was not 200
     */
    public FetchedDocument fetch(URI uri) throws IOException {
        FetchRequest request = new FetchRequest(
                uri, ACCEPT_JSON, settings.connectTimeout(), settings.readTimeout(), settings.maxBodyBytes());
        FetchResponse response = fetcher.fetch(request);
        if (response.status() != 200) {
            throw new UnexpectedStatusException(response.status(), uri);
        }
        byte[] body = response.body();
        if (body.length > settings.maxBodyBytes()) {
            // a host-supplied fetcher that ignored the cap
            throw new IOException("response body from " + uri.getHost() + " exceeds the size cap");
        }
        return new FetchedDocument(
                new String(body, StandardCharsets.UTF_8),
                response.header("content-type").orElse(null),
                settings.clampTtl(
                        CacheControl.maxAge(response.header("cache-control").orElse(null))
                                .orElse(null)));
    }

    /** A response whose status was not 200. */
    public static final class UnexpectedStatusException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        UnexpectedStatusException(int status, URI uri) {
            super("HTTP status " + status + " from " + uri.getHost());
            this.status = status;
        }

        /** {@return the HTTP status} */
        public int status() {
            return status;
        }
    }
}
