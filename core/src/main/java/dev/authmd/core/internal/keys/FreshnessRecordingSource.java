package dev.authmd.core.internal.keys;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.authmd.core.fetch.KeyCacheListener;
import java.io.IOException;
import java.time.Duration;

/**
 * Sits directly above Nimbus's {@code URLBasedJWKSetSource} and records, after each successful download, the lifetime
 * the response announced, so {@link RemoteKeySet} can refresh the keys when the provider said they go stale instead of
 * after a fixed time.
 */
final class FreshnessRecordingSource implements JWKSetSource<SecurityContext> {

    private final JWKSetSource<SecurityContext> download;
    private final Freshness freshness;
    private final Duration defaultTtl;
    private final KeyCacheListener listener;

    FreshnessRecordingSource(
            JWKSetSource<SecurityContext> download,
            Freshness freshness,
            Duration defaultTtl,
            KeyCacheListener listener) {
        this.download = download;
        this.freshness = freshness;
        this.defaultTtl = defaultTtl;
        this.listener = listener;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        HttpFetcherResourceRetriever.takeLastTtl();
        freshness.downloading();
        JWKSet set;
        try {
            set = download.getJWKSet(evaluator, currentTime, context);
        } catch (KeySourceException | RuntimeException e) {
            listener.refresh(false);
            throw e;
        }
        listener.refresh(true);
        Duration ttl = HttpFetcherResourceRetriever.takeLastTtl();
        freshness.downloaded(currentTime, (ttl != null ? ttl : defaultTtl).toMillis(), set.size());
        return set;
    }

    @Override
    public void close() throws IOException {
        download.close();
    }
}
