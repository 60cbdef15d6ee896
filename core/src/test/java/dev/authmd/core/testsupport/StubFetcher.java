package dev.authmd.core.testsupport;

import dev.authmd.spi.http.FetchRequest;
import dev.authmd.spi.http.FetchResponse;
import dev.authmd.spi.http.HttpFetcher;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory HttpFetcher: fixed documents by URL, a request log; unknown URLs answer 404. */
public final class StubFetcher implements HttpFetcher {

    private final Map<URI, FetchResponse> documents = new ConcurrentHashMap<>();
    private final Map<URI, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public StubFetcher json(String uri, String body) {
        documents.put(
                URI.create(uri),
                new FetchResponse(
                        200,
                        Map.of("content-type", List.of("application/json")),
                        body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    @Override
    public FetchResponse fetch(FetchRequest request) throws IOException {
        total.incrementAndGet();
        counts.computeIfAbsent(request.uri(), u -> new AtomicInteger()).incrementAndGet();
        FetchResponse response = documents.get(request.uri());
        return response != null ? response : new FetchResponse(404, Map.of(), new byte[0]);
    }

    public int count(String uri) {
        AtomicInteger c = counts.get(URI.create(uri));
        return c == null ? 0 : c.get();
    }

    public int total() {
        return total.get();
    }
}
