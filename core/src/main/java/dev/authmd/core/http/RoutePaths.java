package dev.authmd.core.http;

import java.net.URI;
import java.util.Map;

/**
 * The request paths a configured URL is answered at. {@code HttpRequest.path()} is documented as decoded, but some
 * adapters hand over the raw path; an identifier with percent-encoded characters (an issuer path such as
 * {@code /t%C3%A9nant}) is therefore routed under both forms.
 */
final class RoutePaths {

    private RoutePaths() {}

    /**
     * Adds a route for a URL's path to a routing table.
     *
     * @param routes the routing table
     * @param uri a URL this handler serves
     * @param value what to answer there
     * @param <V> the routed value
     */
    static <V> void put(Map<String, V> routes, URI uri, V value) {
        routes.put(uri.getRawPath(), value);
        routes.put(uri.getPath(), value);
    }
}
