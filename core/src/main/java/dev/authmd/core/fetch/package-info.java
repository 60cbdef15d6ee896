/**
 * Guarded outbound HTTP shared by every fetch (JWKS, issuer metadata, Client ID Metadata Documents; steps 4 and 7 of
 * docs/protocol.md#v01-3a): the SSRF {@link dev.authmd.core.fetch.AddressGuard}, the default
 * {@link dev.authmd.core.fetch.GuardedHttpFetcher} (no redirects, timeouts, streamed size cap) and the
 * {@link dev.authmd.core.fetch.FetchSettings} that bound fetches and caches.
 */
@NullMarked
package dev.authmd.core.fetch;

import org.jspecify.annotations.NullMarked;
