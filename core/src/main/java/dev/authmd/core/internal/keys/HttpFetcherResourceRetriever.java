package dev.authmd.core.internal.keys;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.authmd.core.internal.fetch.DocumentFetcher;
import dev.authmd.core.internal.fetch.FetchedDocument;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;

/**
 * Nimbus's {@link ResourceRetriever} on top of the library's {@code HttpFetcher}, so JWKS downloads pass the same
 * address guard, timeouts, size cap and no-redirect rule as every other outbound fetch. The cache lifetime the response
 * announced ({@code Cache-Control}, clamped) is handed to the caller on the same thread through {@link #takeLastTtl()}.
 * Thread-safe.
 */
final class HttpFetcherResourceRetriever implements ResourceRetriever {

    private static final ThreadLocal<Duration> LAST_TTL = new ThreadLocal<>();

    private final DocumentFetcher documents;

    HttpFetcherResourceRetriever(DocumentFetcher documents) {
        this.documents = documents;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        LAST_TTL.remove();
        FetchedDocument document;
        try {
            document = documents.fetch(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("not a valid URI", e);
        }
        LAST_TTL.set(document.ttl());
        return new Resource(document.body(), document.contentType());
    }

    /** {@return the lifetime announced by this thread's last successful retrieval, then forgets it} */
    static Duration takeLastTtl() {
        Duration ttl = LAST_TTL.get();
        LAST_TTL.remove();
        return ttl;
    }
}
