package dev.authmd.core.fetch;

/**
 * Hears how the caches of providers' downloaded keys behave, for metrics (see
 * {@code ProviderKeySource.create(TrustList, HttpFetcher, FetchSettings, KeyCacheListener)}). Called on the verifying
 * thread: it must be quick and must not throw. Keys given inline in the trust list have no cache and are not reported.
 */
public interface KeyCacheListener {

    /** Hears nothing. */
    KeyCacheListener NONE = new KeyCacheListener() {};

    /**
     * A signature check looked up a provider's downloaded keys.
     *
     * @param hit true when a matching key was in the cached set and no download ran meanwhile; false when the set had
     *     to be downloaded first (first use, a stale set, an unknown {@code kid}) or no key matched
     */
    default void lookup(boolean hit) {}

    /**
     * A provider's key set was downloaded: on first use, to refresh a stale set, or to look for an unknown {@code kid}.
     *
     * @param ok whether a usable key set came back
     */
    default void refresh(boolean ok) {}
}
