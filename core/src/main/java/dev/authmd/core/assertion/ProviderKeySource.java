package dev.authmd.core.assertion;

import dev.authmd.core.fetch.FetchSettings;
import dev.authmd.core.fetch.KeyCacheListener;
import dev.authmd.core.internal.cimd.CimdResolver;
import dev.authmd.core.internal.fetch.DocumentFetcher;
import dev.authmd.core.internal.keys.IssuerKeys;
import dev.authmd.core.trust.TrustList;
import dev.authmd.core.trust.TrustedProvider;
import dev.authmd.spi.http.HttpFetcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The signing keys (and Client ID Metadata Documents) of every provider on a {@link TrustList}, fetched on demand
 * through one {@link HttpFetcher} and cached per docs/protocol.md#v01-3a-step-4: {@code Cache-Control} lifetime within
 * {@link FetchSettings}' floor and ceiling, one rate-limited refetch on an unknown {@code kid}, stale keys through a
 * short outage. Built on Nimbus's {@code JWKSourceBuilder}; see {@link FetchSettings} for the numbers.
 *
 * <p>Share one instance between the {@link IdJagVerifier} and the {@link LogoutTokenVerifier} of a service so both use
 * the same warm caches. Thread-safe.
 */
public final class ProviderKeySource {

    private final TrustList trustList;
    private final FetchSettings settings;
    private final Map<String, IssuerKeys> keys;
    private final CimdResolver cimd;

    private ProviderKeySource(
            TrustList trustList, HttpFetcher fetcher, FetchSettings settings, KeyCacheListener listener) {
        this.trustList = trustList;
        this.settings = settings;
        DocumentFetcher documents = new DocumentFetcher(fetcher, settings);
        Map<String, IssuerKeys> byIssuer = new LinkedHashMap<>();
        for (TrustedProvider provider : trustList.providers()) {
            byIssuer.put(
                    provider.issuer(), new IssuerKeys(provider.issuer(), provider.keyLocation(), documents, listener));
        }
        this.keys = Map.copyOf(byIssuer);
        this.cimd = new CimdResolver(documents);
    }

    /**
     * Creates a key source for the trusted providers with default fetch settings.
     *
     * @param trustList the trusted providers
     * @param fetcher the outbound fetcher, normally a {@link dev.authmd.core.fetch.GuardedHttpFetcher}
     * @param settings timeouts, size cap and cache lifetimes
     * @return a key source with cold caches
     */
    public static ProviderKeySource create(TrustList trustList, HttpFetcher fetcher, FetchSettings settings) {
        return create(trustList, fetcher, settings, KeyCacheListener.NONE);
    }

    /**
     * Creates a key source whose caches report to a listener (the service's metrics use this).
     *
     * @param trustList the trusted providers
     * @param fetcher the outbound fetcher, normally a {@link dev.authmd.core.fetch.GuardedHttpFetcher}
     * @param settings timeouts, size cap and cache lifetimes
     * @param listener hears cache hits, misses and downloads
     * @return a key source with cold caches
     */
    public static ProviderKeySource create(
            TrustList trustList, HttpFetcher fetcher, FetchSettings settings, KeyCacheListener listener) {
        return new ProviderKeySource(
                Objects.requireNonNull(trustList, "trustList cannot be null"),
                Objects.requireNonNull(fetcher, "fetcher cannot be null"),
                Objects.requireNonNull(settings, "settings cannot be null"),
                Objects.requireNonNull(listener, "listener cannot be null"));
    }

    /**
     * Creates a key source for the trusted providers with default fetch settings.
     *
     * @param trustList the trusted providers
     * @param fetcher the outbound fetcher
     * @return a key source with {@link FetchSettings#defaults()}
     */
    public static ProviderKeySource create(TrustList trustList, HttpFetcher fetcher) {
        return create(trustList, fetcher, FetchSettings.defaults());
    }

    /** {@return the trust list whose keys this source serves} */
    public TrustList trustList() {
        return trustList;
    }

    /** {@return the fetch settings in use} */
    public FetchSettings settings() {
        return settings;
    }

    @Nullable
    IssuerKeys keysOf(String issuer) {
        return keys.get(issuer);
    }

    CimdResolver cimd() {
        return cimd;
    }

    /**
     * How fresh a trusted provider's keys are, for health checks.
     *
     * @param issuer a trusted issuer
     * @return empty for keys given inline (never stale); else until when the keys last downloaded are fresh, the epoch
     *     itself before the first download (keys are fetched on first use, so a quiet service reports that)
     * @throws IllegalArgumentException when the issuer is not trusted
     */
    public java.util.Optional<java.time.Instant> keysFreshUntil(String issuer) {
        IssuerKeys issuerKeys = keys.get(Objects.requireNonNull(issuer, "issuer cannot be null"));
        if (issuerKeys == null) {
            throw new IllegalArgumentException("not a trusted issuer: " + issuer);
        }
        java.util.OptionalLong until = issuerKeys.keysFreshUntil();
        return until.isPresent()
                ? java.util.Optional.of(java.time.Instant.ofEpochMilli(until.getAsLong()))
                : java.util.Optional.empty();
    }
}
