package dev.authmd.spi.http;

import java.io.IOException;

/**
 * Outbound HTTP GET, used to fetch a provider's JWKS, its issuer metadata and Client ID Metadata Documents
 * (docs/protocol.md#v01-3a-step-4).
 *
 * <p>The core ships a guarded implementation on the JDK's {@code java.net.http} client that refuses private, loopback
 * and link-local addresses, follows no redirects, applies the timeouts and caps the body. A host replaces it only to
 * route through its own egress (a proxy, a service mesh); such an implementation must honour every field of
 * {@link FetchRequest}: the timeouts, the size cap, and <em>never follow redirects</em>.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface HttpFetcher {

    /**
     * Performs one GET.
     *
     * @param request what to fetch and within which limits
     * @return the response, whatever its status (a 500 is a response, not an exception)
     * @throws IOException when no response could be read: connection refused, timeout, a refused address, or a body
     *     over {@link FetchRequest#maxBodyBytes()}
     */
    FetchResponse fetch(FetchRequest request) throws IOException;
}
