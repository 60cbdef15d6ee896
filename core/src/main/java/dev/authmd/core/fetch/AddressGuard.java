package dev.authmd.core.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The SSRF guard every outbound fetch passes through (docs/protocol.md#v01-3a-step-4): it resolves the URL's host and
 * refuses the fetch when <em>any</em> resolved address is not a public unicast address, and it refuses plain
 * {@code http}.
 *
 * <p>Refused: the unspecified address ({@code 0.0.0.0/8}, {@code ::}), loopback ({@code 127/8}, {@code ::1}), RFC 1918
 * private ranges, CGNAT {@code 100.64/10}, link-local ({@code 169.254/16} — including the cloud metadata address
 * {@code 169.254.169.254} — and {@code fe80::/10}), unique-local {@code fc00::/7} (including {@code fd00:ec2::254}),
 * site-local {@code fec0::/10}, multicast, broadcast and reserved ranges, the IETF protocol, documentation and
 * benchmarking ranges, Teredo, and IPv4 addresses embedded in IPv6 (mapped {@code ::ffff:0:0/96}, compatible
 * {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) when the embedded address is refused.
 *
 * <p>Development: an origin explicitly allowed through {@link Builder#allowOrigin(URI)} (for example
 * {@code http://localhost:8080}) or a host allowed through {@link Builder#allowHost(String)} skips the address checks
 * and may use plain {@code http}. Nothing is allowed by default.
 *
 * <p>Residual risk: the HTTP client resolves the host again when it connects; the JDK's positive DNS cache (30 s by
 * default) normally returns the same addresses, but a host whose DNS answers change between the two look-ups (DNS
 * rebinding) is only fully stopped by routing outbound traffic through an egress proxy that enforces the same rules.
 *
 * <p>Immutable and thread-safe.
 */
public final class AddressGuard {

    private final Set<String> allowedOrigins;
    private final Set<String> allowedHosts;
    private final HostResolver resolver;

    private AddressGuard(Builder b) {
        this.allowedOrigins = Set.copyOf(b.allowedOrigins);
        this.allowedHosts = Set.copyOf(b.allowedHosts);
        this.resolver = b.resolver;
    }

    /** {@return a guard that allows nothing but https to public addresses, with the JDK resolver} */
    public static AddressGuard strict() {
        return builder().build();
    }

    /** {@return a builder for a guard that allows nothing until told} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a URL before it is fetched.
     *
     * @param uri the absolute URL about to be fetched
     * @throws RefusedFetchException when the scheme, the URL's shape or a resolved address is refused
     * @throws UnknownHostException when the host does not resolve
     */
    public void check(URI uri) throws RefusedFetchException, UnknownHostException {
        Objects.requireNonNull(uri, "uri cannot be null");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedFetchException("refused: URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedFetchException("refused: URL carries user info (host " + host + ")");
        }
        if (isAllowedDevelopmentTarget(uri)) {
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new RefusedFetchException("refused: scheme " + scheme + " (host " + host + ")");
            }
            return;
        }
        if (!scheme.equals("https")) {
            throw new RefusedFetchException("refused: only https is allowed for host " + host
                    + " (plain http needs an allowed development origin)");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(bare);
        }
        for (InetAddress address : addresses) {
            if (isRefused(address)) {
                throw new RefusedFetchException(
                        "refused: host " + host + " resolves to a private, loopback, link-local or reserved address");
            }
        }
    }

    /**
     * Tells whether a URL targets an allowed development origin.
     *
     * @param uri an absolute URL
     * @return whether its origin or host was explicitly allowed for development
     */
    public boolean isAllowedDevelopmentTarget(URI uri) {
        Objects.requireNonNull(uri, "uri cannot be null");
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false;
        }
        return allowedOrigins.contains(origin(uri))
                || allowedHosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /**
     * Tells whether an address is refused as a fetch target.
     *
     * @param address a resolved address
     * @return whether outbound fetches to it are refused (see the class description)
     */
    public static boolean isRefused(InetAddress address) {
        Objects.requireNonNull(address, "address cannot be null");
        byte[] a = address.getAddress();
        if (address instanceof Inet4Address) {
            return isRefusedV4(a, 0);
        }
        if (address instanceof Inet6Address) {
            return isRefusedV6(a);
        }
        return true;
    }

    private static boolean isRefusedV4(byte[] a, int o) {
        int b0 = a[o] & 0xff;
        int b1 = a[o + 1] & 0xff;
        int b2 = a[o + 2] & 0xff;
        return b0 == 0 // 0.0.0.0/8 "this network", any-local
                || b0 == 10 // RFC 1918
                || b0 == 127 // loopback
                || (b0 == 100 && (b1 & 0xc0) == 64) // CGNAT 100.64/10
                || (b0 == 169 && b1 == 254) // link-local, cloud metadata
                || (b0 == 172 && (b1 & 0xf0) == 16) // RFC 1918 172.16/12
                || (b0 == 192 && b1 == 168) // RFC 1918
                || (b0 == 192 && b1 == 0 && b2 == 0) // IETF protocol assignments
                || (b0 == 192 && b1 == 0 && b2 == 2) // TEST-NET-1
                || (b0 == 198 && (b1 & 0xfe) == 18) // benchmarking 198.18/15
                || (b0 == 198 && b1 == 51 && b2 == 100) // TEST-NET-2
                || (b0 == 203 && b1 == 0 && b2 == 113) // TEST-NET-3
                || b0 >= 224; // multicast, reserved, broadcast
    }

    private static boolean isRefusedV6(byte[] a) {
        int w0 = ((a[0] & 0xff) << 8) | (a[1] & 0xff);
        if (allZero(a, 0, 10)) {
            int w5 = ((a[10] & 0xff) << 8) | (a[11] & 0xff);
            if (w5 == 0xffff) {
                return isRefusedV4(a, 12); // IPv4-mapped
            }
            // ::, ::1, IPv4-compatible ::a.b.c.d (deprecated) and the rest of ::/80: never public
            return true;
        }
        if ((a[0] & 0xfe) == 0xfc) { // fc00::/7 unique local
            return true;
        }
        if ((w0 & 0xffc0) == 0xfe80 || (w0 & 0xffc0) == 0xfec0) { // link-local, site-local
            return true;
        }
        if ((a[0] & 0xff) == 0xff) { // multicast
            return true;
        }
        if (w0 == 0x0064 && ((a[2] & 0xff) << 8 | (a[3] & 0xff)) == 0xff9b && allZero(a, 4, 12)) {
            return isRefusedV4(a, 12); // NAT64 64:ff9b::/96
        }
        if (w0 == 0x2002) {
            return isRefusedV4(a, 2); // 6to4
        }
        int w1 = ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        if (w0 == 0x2001 && w1 == 0x0000) { // Teredo
            return true;
        }
        if (w0 == 0x2001 && w1 == 0x0db8) { // documentation
            return true;
        }
        return w0 == 0x0100 && allZero(a, 2, 8); // discard-only 100::/64
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        }
        return scheme + "://" + host + ":" + port;
    }

    /** Builds an {@link AddressGuard}. Not thread-safe. */
    public static final class Builder {
        private final Set<String> allowedOrigins = new LinkedHashSet<>();
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private HostResolver resolver = HostResolver.SYSTEM;

        private Builder() {}

        /**
         * Allows one origin for development: fetches to it skip the address checks and may use plain {@code http}. Use
         * only for local providers, e.g. {@code http://localhost:8080}.
         *
         * @param origin {@code scheme://host[:port]}; a path is ignored
         * @return this builder
         */
        public Builder allowOrigin(URI origin) {
            Objects.requireNonNull(origin, "origin cannot be null");
            if (!origin.isAbsolute() || origin.getHost() == null) {
                throw new IllegalArgumentException("origin must be an absolute URL with a host: " + origin);
            }
            String scheme = origin.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("origin must be http or https: " + origin);
            }
            allowedOrigins.add(AddressGuard.origin(origin));
            return this;
        }

        /**
         * Allows every port of one host for development (the {@code developmentHosts} of {@code AgentAuthConfig}):
         * fetches to it skip the address checks and may use plain http.
         *
         * @param host a host name, e.g. {@code localhost}
         * @return this builder
         */
        public Builder allowHost(String host) {
            Objects.requireNonNull(host, "host cannot be null");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host cannot be blank");
            }
            allowedHosts.add(host.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Sets the DNS resolver.
         *
         * @param resolver the DNS resolver; default {@link HostResolver#SYSTEM}
         * @return this builder
         */
        public Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver cannot be null");
            return this;
        }

        /** {@return the guard} */
        public AddressGuard build() {
            return new AddressGuard(this);
        }
    }
}
