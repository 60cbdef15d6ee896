package dev.authmd.core.internal.keys;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.core.fetch.KeyCacheListener;
import dev.authmd.core.internal.fetch.DocumentFetcher;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The keys published at one JWKS URL, kept by Nimbus's {@link JWKSourceBuilder} chain (cache → rate limiter → outage
 * tolerance → download through the guarded fetcher).
 *
 * <p><b>Why a thin layer on top of Nimbus.</b> Nimbus's {@code CachingJWKSetSource} fixes its time-to-live when it is
 * built and cannot take it from a response's {@code Cache-Control}. Rather than hand-writing a cache, the Nimbus cache
 * is built with a lifetime longer than any we use (ceiling + outage tolerance) and this class decides <em>when</em> the
 * cached set is stale from the lifetime the last download announced (recorded by {@link FreshnessRecordingSource},
 * clamped to floor/ceiling). It then asks the Nimbus cache to refresh with
 * {@link JWKSetCacheRefreshEvaluator#referenceComparison(JWKSet)}, which keeps Nimbus's single-flight lock, rate
 * limiter and outage copy in charge of the actual refresh.
 *
 * <ul>
 *   <li>Stale set: one thread per {@code refetchInterval} tries a refresh; the others keep using the cached set
 *       meanwhile. If the refresh fails the stale set keeps serving until {@code outageTolerance} after its lifetime
 *       ended, then keys are unavailable.
 *   <li>Unknown {@code kid}: at most one refetch per {@code refetchInterval}, made by the request that asked first (it
 *       waits for the provider, within the fetch timeouts). Requests arriving while it runs wait at most
 *       {@code unknownKidWait} for its result, so a slow key server holds one worker, not all of them; later ones fail
 *       fast. Nimbus's own rate limiter (same interval) additionally caps all downloads at two per interval.
 *   <li>Time comes from the injected clock (passed down the whole Nimbus chain).
 * </ul>
 *
 * Thread-safe.
 */
final class RemoteKeySet {

    private final URI jwksUri;
    private final JWKSetSource<SecurityContext> cache;
    private final Freshness freshness = new Freshness();
    private final AtomicLong nextUnknownKidRefetch = new AtomicLong(Long.MIN_VALUE);
    /** The unknown-kid refetch in flight, if any: other requests wait for it at most {@code unknownKidWait}. */
    private final AtomicReference<@Nullable CompletableFuture<Void>> refetching = new AtomicReference<>();

    private final long unknownKidWaitMillis;
    private final KeyCacheListener listener;
    private final long refetchIntervalMillis;
    private final long outageToleranceMillis;

    RemoteKeySet(URI jwksUri, DocumentFetcher documents, KeyCacheListener listener) {
        this.jwksUri = jwksUri;
        this.listener = listener;
        FetchSettings settings = documents.settings();
        this.refetchIntervalMillis = settings.refetchInterval().toMillis();
        this.unknownKidWaitMillis = settings.unknownKidWait().toMillis();
        this.outageToleranceMillis = settings.outageTolerance().toMillis();
        long nimbusTtl =
                settings.cacheTtlCeiling().plus(settings.outageTolerance()).toMillis() + 60_000L;
        long refreshTimeout =
                settings.connectTimeout().plus(settings.readTimeout()).toMillis() + 1_000L;
        URLBasedJWKSetSource<SecurityContext> download;
        try {
            download = new URLBasedJWKSetSource<>(jwksUri.toURL(), new HttpFetcherResourceRetriever(documents));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("jwks_uri is not a valid URL: " + jwksUri, e);
        }
        JWKSource<SecurityContext> built = JWKSourceBuilder.create(
                        new FreshnessRecordingSource(download, freshness, settings.cacheTtlFloor(), listener))
                .cache(nimbusTtl, refreshTimeout)
                .refreshAheadCache(false)
                .rateLimited(refetchIntervalMillis)
                .outageTolerant(nimbusTtl)
                .retrying(false)
                .build();
        if (!(built instanceof JWKSetBasedJWKSource<SecurityContext> setBased)) {
            throw new IllegalStateException(
                    "unexpected Nimbus JWKSource: " + built.getClass().getName());
        }
        this.cache = setBased.getJWKSetSource();
    }

    URI jwksUri() {
        return jwksUri;
    }

    /**
     * Selects the keys that match a JWS header.
     *
     * @param matcher what the JWS header asks for
     * @param now the current time, epoch millis
     * @return the matching keys, after at most one refetch when none matched; possibly empty
     * @throws KeySourceException when no usable key set could be had
     */
    List<JWK> select(JWKMatcher matcher, long now) throws KeySourceException {
        JWKSelector selector = new JWKSelector(matcher);
        long downloadsBefore = freshness.downloads();
        JWKSet set;
        try {
            set = current(now);
        } catch (KeySourceException e) {
            listener.lookup(false);
            throw e;
        }
        List<JWK> keys = selector.select(set);
        if (!keys.isEmpty()) {
            listener.lookup(freshness.downloads() == downloadsBefore);
            return keys;
        }
        listener.lookup(false);
        long next = nextUnknownKidRefetch.get();
        boolean mine = now >= next && nextUnknownKidRefetch.compareAndSet(next, now + refetchIntervalMillis);
        if (!mine) {
            // someone else's refetch: wait a little for it, never for the provider's whole timeout
            CompletableFuture<Void> pending = refetching.get();
            if (pending == null) {
                return keys;
            }
            try {
                pending.get(unknownKidWaitMillis, TimeUnit.MILLISECONDS);
                return selector.select(cache.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null));
            } catch (TimeoutException | ExecutionException | KeySourceException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        refetching.set(done);
        try {
            return selector.select(cache.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(set), now, null));
        } catch (KeySourceException e) {
            return List.of();
        } finally {
            done.complete(null);
            refetching.compareAndSet(done, null);
        }
    }

    private JWKSet current(long now) throws KeySourceException {
        JWKSet set = cache.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null);
        long refreshAt = freshness.refreshAt.get();
        if (now >= refreshAt && freshness.refreshAt.compareAndSet(refreshAt, now + refetchIntervalMillis)) {
            try {
                set = cache.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(set), now, null);
            } catch (KeySourceException e) {
                // keep serving the stale set; the outage limit below decides how long
            }
        }
        if (now >= freshness.freshUntil() + outageToleranceMillis) {
            throw new JWKSetUnavailableException("the issuer's keys are stale and could not be refreshed");
        }
        return set;
    }

    /** {@return how many keys the last downloaded set held; 0 before the first download} */
    int keyCount() {
        return freshness.keyCount();
    }

    /** {@return epoch millis until which the last downloaded set is fresh; 0 before the first download} */
    public long freshUntil() {
        return freshness.freshUntil();
    }
}
