package dev.authmd.protocol.metadata;

import java.net.URI;
import java.util.Objects;

/**
 * Where discovery documents live (docs/protocol.md#v01-2): the RFC 9728 and RFC 8414 rule that puts the well-known
 * segment <em>between</em> host and path, and the auth.md convention that appends it to the issuer.
 *
 * <p>Identifiers must be absolute {@code http}/{@code https} URLs with a host and without query, fragment or user info;
 * anything else is refused with an {@link IllegalArgumentException}. A terminating {@code /} of the path is dropped
 * before the well-known segment is inserted (RFC 8414 §3.1), the scheme and host are lower-cased, an explicit port is
 * kept, and the path is kept in its raw (percent-encoded) form. Whether {@code https} is required is the caller's
 * policy ({@link MetadataValidator}, {@code AgentAuthConfig}). Pure and thread-safe.
 *
 * <pre>{@code
 * WellKnownUris.protectedResourceMetadata(URI.create("https://api.example.com/v1"))
 *     // https://api.example.com/.well-known/oauth-protected-resource/v1
 * WellKnownUris.authorizationServerMetadata(URI.create("https://example.com/as"))
 *     // https://example.com/.well-known/oauth-authorization-server/as
 * WellKnownUris.appendedAuthorizationServerMetadata(URI.create("https://example.com/as"))
 *     // https://example.com/as/.well-known/oauth-authorization-server
 * }</pre>
 */
public final class WellKnownUris {

    /** RFC 9728 well-known suffix. */
    public static final String PROTECTED_RESOURCE = "oauth-protected-resource";
    /** RFC 8414 well-known suffix. */
    public static final String AUTHORIZATION_SERVER = "oauth-authorization-server";

    private WellKnownUris() {}

    /**
     * {@return the RFC 9728 metadata URL for it}
     *
     * @param resource the resource identifier (no query, no fragment)
     */
    public static URI protectedResourceMetadata(URI resource) {
        return inserted(resource, PROTECTED_RESOURCE);
    }

    /**
     * {@return the RFC 8414 metadata URL: well-known segment inserted after the host}
     *
     * @param issuer the authorization server issuer (no query, no fragment)
     */
    public static URI authorizationServerMetadata(URI issuer) {
        return inserted(issuer, AUTHORIZATION_SERVER);
    }

    /**
     * {@return the URL auth.md agents build by appending the well-known path to the issuer; equal to
     * {@link #authorizationServerMetadata(URI)} when the issuer has no path}
     *
     * @param issuer the authorization server issuer
     */
    public static URI appendedAuthorizationServerMetadata(URI issuer) {
        requireUsable(issuer);
        return URI.create(origin(issuer) + pathWithoutTrailingSlash(issuer) + "/.well-known/" + AUTHORIZATION_SERVER);
    }

    /**
     * {@return {@code scheme://host[:port]}, lower-cased scheme and host}
     *
     * @param uri an absolute http(s) URI
     */
    public static String origin(URI uri) {
        requireUsable(uri);
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.getPort();
        return scheme + "://" + host + (port < 0 ? "" : ":" + port);
    }

    /**
     * {@return its raw path without a trailing slash; empty for {@code /} or no path}
     *
     * @param uri an absolute URI
     */
    public static String pathWithoutTrailingSlash(URI uri) {
        Objects.requireNonNull(uri, "uri cannot be null");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static URI inserted(URI identifier, String suffix) {
        requireUsable(identifier);
        return URI.create(origin(identifier) + "/.well-known/" + suffix + pathWithoutTrailingSlash(identifier));
    }

    private static void requireUsable(URI uri) {
        Objects.requireNonNull(uri, "uri cannot be null");
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL with a host: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("identifier must be an http(s) URL: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "identifier must have no user info: " + uri.getScheme() + "://…@" + uri.getHost());
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("identifier must have no query or fragment: " + uri);
        }
    }
}
