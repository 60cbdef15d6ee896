package dev.authmd.core.service;

import dev.authmd.core.internal.metrics.Metrics;
import dev.authmd.core.internal.metrics.MicrometerMetrics;
import dev.authmd.core.store.memory.InMemoryReplayCache;
import dev.authmd.spi.http.FetchResponse;
import dev.authmd.spi.http.HttpFetcher;
import dev.authmd.spi.store.ReplayCache;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds the Micrometer recorder. A class of its own so that Micrometer's classes are loaded only when a host passed a
 * registry: the builder never touches them otherwise.
 */
final class MetricsWiring {

    private MetricsWiring() {}

    /**
     * Times every fetch of a provider document (JWKS, metadata, client metadata) when metrics are on.
     *
     * @return {@code fetcher} itself when metrics are off
     */
    static HttpFetcher timed(HttpFetcher fetcher, Metrics metrics) {
        if (metrics == Metrics.NONE) {
            return fetcher;
        }
        return request -> {
            long start = System.nanoTime();
            boolean ok = false;
            try {
                FetchResponse response = fetcher.fetch(request);
                ok = response.status() == 200;
                return response;
            } finally {
                metrics.keyFetch(System.nanoTime() - start, ok);
            }
        };
    }

    static Metrics micrometer(Object registry, ReplayCache replay) {
        if (!(registry instanceof MeterRegistry meters)) {
            throw new IllegalArgumentException("meterRegistry must be an io.micrometer.core.instrument.MeterRegistry,"
                    + " not a " + registry.getClass().getName());
        }
        MicrometerMetrics metrics = new MicrometerMetrics(meters);
        if (replay instanceof InMemoryReplayCache memory) {
            metrics.gauge(
                    "authmd.replay.entries",
                    "Entries in the in-memory replay cache (expired ones included until swept)",
                    memory,
                    InMemoryReplayCache::size);
        }
        return metrics;
    }
}
