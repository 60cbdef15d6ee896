package dev.authmd.core.ratelimit;

import dev.authmd.core.internal.net.IpAddresses;
import dev.authmd.spi.http.HttpRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which IP address a request comes from, for per-IP rate limits and audit events (docs/protocol.md#v01-7).
 *
 * <p>By default ({@link #peerOnly()}) it is the peer address the adapter saw ({@link HttpRequest#remoteAddress()});
 * {@code X-Forwarded-For} is ignored, because any client can send one. Behind a reverse proxy or load balancer, list
 * the proxies with {@link #trustingProxies}: when the peer is one of them, the {@code X-Forwarded-For} hops are read
 * from the right, skipping trusted proxies, and the first untrusted hop is the client (the right-most untrusted hop:
 * everything to its left was written by the client and proves nothing). A hop that is not an IP literal
 * ({@code unknown}, an obfuscated identifier, garbage) stops the walk and the nearest trusted address is used instead.
 * When every hop is trusted, the left-most one is the client.
 *
 * <p>Results are canonical text: dotted quad, or RFC 5952 IPv6 ({@code 2001:db8::1}). Names are never resolved.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ClientAddressResolver clients = ClientAddressResolver.trustingProxies(List.of("10.0.0.0/8"));
 * Optional<String> ip = clients.resolve(request);
 * }</pre>
 */
public final class ClientAddressResolver {

    /** Most {@code X-Forwarded-For} hops examined from the right. */
    static final int MAX_HOPS = 32;

    private static final ClientAddressResolver PEER_ONLY = new ClientAddressResolver(List.of());

    private final List<IpAddresses.Cidr> trustedProxies;

    private ClientAddressResolver(List<IpAddresses.Cidr> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** {@return a resolver that uses the peer address only (the default)} */
    public static ClientAddressResolver peerOnly() {
        return PEER_ONLY;
    }

    /**
     * Creates a resolver that trusts {@code X-Forwarded-For} from the given proxies.
     *
     * @param proxies addresses ({@code 10.0.0.5}, {@code ::1}) or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}) of
     *     the reverse proxies in front of the service; empty means {@link #peerOnly()}
     * @return a resolver honouring {@code X-Forwarded-For} from those proxies only
     * @throws IllegalArgumentException naming the first entry that is not an address or block
     */
    public static ClientAddressResolver trustingProxies(Collection<String> proxies) {
        Objects.requireNonNull(proxies, "proxies cannot be null");
        List<IpAddresses.Cidr> blocks = new ArrayList<>();
        for (String proxy : proxies) {
            blocks.add(IpAddresses.Cidr.parse(proxy));
        }
        return blocks.isEmpty() ? PEER_ONLY : new ClientAddressResolver(List.copyOf(blocks));
    }

    /**
     * Resolves the client IP of a request.
     *
     * @param request the request
     * @return the client's IP address, or empty when the peer address is unknown or not an IP literal (then per-IP
     *     limits are skipped)
     */
    public Optional<String> resolve(HttpRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        Optional<InetAddress> peer = request.remoteAddress().flatMap(IpAddresses::parse);
        if (peer.isEmpty()) {
            return Optional.empty();
        }
        InetAddress client = peer.get();
        if (isTrusted(client)) {
            client = fromForwardedFor(request, client);
        }
        return Optional.of(IpAddresses.canonical(client));
    }

    private InetAddress fromForwardedFor(HttpRequest request, InetAddress peer) {
        List<String> hops = new ArrayList<>();
        for (String header : request.headers("X-Forwarded-For")) {
            for (String hop : header.split(",", -1)) {
                hops.add(hop);
            }
        }
        InetAddress nearest = peer;
        int examined = 0;
        for (int i = hops.size() - 1; i >= 0 && examined < MAX_HOPS; i--, examined++) {
            Optional<InetAddress> hop = IpAddresses.parse(hops.get(i));
            if (hop.isEmpty()) {
                return nearest;
            }
            nearest = hop.get();
            if (!isTrusted(nearest)) {
                return nearest;
            }
        }
        return nearest;
    }

    private boolean isTrusted(InetAddress address) {
        for (IpAddresses.Cidr block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ClientAddressResolver[trustedProxies=" + trustedProxies + "]";
    }
}
