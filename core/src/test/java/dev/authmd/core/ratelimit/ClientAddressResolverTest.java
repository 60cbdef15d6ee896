package dev.authmd.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private static final ClientAddressResolver BEHIND_PROXY =
            ClientAddressResolver.trustingProxies(List.of("10.0.0.0/8", "192.0.2.10", "fd00::/8"));

    @Test
    void resolveWhenPeerOnlyThenPeerAndForwardedForIgnored() {
        HttpRequest request = request("203.0.113.7", "198.51.100.1");
        assertThat(ClientAddressResolver.peerOnly().resolve(request)).contains("203.0.113.7");
        assertThat(ClientAddressResolver.trustingProxies(List.of()).resolve(request))
                .contains("203.0.113.7");
    }

    @Test
    void resolveWhenPeerUnknownOrNotAnIpThenEmpty() {
        assertThat(BEHIND_PROXY.resolve(HttpRequest.builder("GET", "/")
                        .header("X-Forwarded-For", "1.2.3.4")
                        .build()))
                .isEmpty();
        assertThat(BEHIND_PROXY.resolve(request("localhost", "1.2.3.4"))).isEmpty();
        assertThat(BEHIND_PROXY.resolve(request("999.1.1.1", null))).isEmpty();
        assertThat(BEHIND_PROXY.resolve(request("", null))).isEmpty();
    }

    @Test
    void resolveWhenPeerUntrustedThenPeerEvenWithForwardedFor() {
        assertThat(BEHIND_PROXY.resolve(request("203.0.113.7", "198.51.100.1"))).contains("203.0.113.7");
    }

    @Test
    void resolveWhenTrustedPeerThenRightMostUntrustedHop() {
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "203.0.113.7"))).contains("203.0.113.7");
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "1.1.1.1, 203.0.113.7, 10.0.0.2, 192.0.2.10")))
                .contains("203.0.113.7");
    }

    @Test
    void resolveWhenClientForgesLeftHopsThenTheyAreIgnored() {
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "10.9.9.9, garbage, 203.0.113.7")))
                .contains("203.0.113.7");
    }

    @Test
    void resolveWhenEveryHopTrustedThenLeftMost() {
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "10.0.0.7, 10.0.0.2")))
                .contains("10.0.0.7");
    }

    @Test
    void resolveWhenGarbageHopBeforeAnyUntrustedThenNearestTrustedAddress() {
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "203.0.113.7, unknown")))
                .contains("10.0.0.1");
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "203.0.113.7, _hidden, 10.0.0.2")))
                .contains("10.0.0.2");
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", ""))).contains("10.0.0.1");
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "203.0.113.7,"))).contains("10.0.0.1");
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "example.com"))).contains("10.0.0.1");
    }

    @Test
    void resolveWhenNoForwardedForFromTrustedPeerThenPeer() {
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", null))).contains("10.0.0.1");
    }

    @Test
    void resolveWhenSeveralHeaderLinesThenReadAsOneListInOrder() {
        HttpRequest request = HttpRequest.builder("GET", "/")
                .remoteAddress("10.0.0.1")
                .header("X-Forwarded-For", "203.0.113.7, 10.0.0.3")
                .header("x-forwarded-for", "10.0.0.2")
                .build();
        assertThat(BEHIND_PROXY.resolve(request)).contains("203.0.113.7");
    }

    @Test
    void resolveWhenHopsCarryPortsOrBracketsThenAddressOnly() {
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "203.0.113.7:51234")))
                .contains("203.0.113.7");
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", "[2001:DB8:0:0:0:0:0:1]:443")))
                .contains("2001:db8::1");
        assertThat(BEHIND_PROXY.resolve(request("[fd00::5]:8080", " 2001:db8::7 ")))
                .contains("2001:db8::7");
    }

    @Test
    void resolveWhenIpv4MappedIpv6ThenIpv4() {
        assertThat(ClientAddressResolver.peerOnly().resolve(request("::ffff:203.0.113.7", null)))
                .contains("203.0.113.7");
    }

    @Test
    void resolveWhenMoreHopsThanExaminedThenStopsAtTheLimit() {
        StringBuilder chain = new StringBuilder("203.0.113.7");
        for (int i = 0; i < ClientAddressResolver.MAX_HOPS + 5; i++) {
            chain.append(", 10.0.0.").append(i + 2);
        }
        assertThat(BEHIND_PROXY.resolve(request("10.0.0.1", chain.toString())))
                .hasValueSatisfying(ip -> assertThat(ip).startsWith("10.0.0."));
    }

    @Test
    void trustingProxiesWhenEntryNotAnAddressThenClearError() {
        assertThatThrownBy(() -> ClientAddressResolver.trustingProxies(List.of("10.0.0.0/8", "proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trusted proxy must be an IP address or CIDR block: proxy.internal");
        assertThatThrownBy(() -> ClientAddressResolver.trustingProxies(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trusted proxy prefix length must be 0-32: 10.0.0.0/33");
        assertThatThrownBy(() -> ClientAddressResolver.trustingProxies(List.of("fd00::/129")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trusted proxy prefix length must be 0-128: fd00::/129");
        assertThatThrownBy(() -> ClientAddressResolver.trustingProxies(List.of("10.0.0.0/")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trustingProxiesWhenPrefixNotOnByteBoundaryThenMatchedBitwise() {
        ClientAddressResolver resolver = ClientAddressResolver.trustingProxies(List.of("172.16.0.0/12"));
        assertThat(resolver.resolve(request("172.31.255.255", "203.0.113.7"))).contains("203.0.113.7");
        assertThat(resolver.resolve(request("172.32.0.1", "203.0.113.7"))).contains("172.32.0.1");
    }

    private static HttpRequest request(String peer, String forwardedFor) {
        HttpRequest.Builder builder = HttpRequest.builder("POST", "/agent/auth").remoteAddress(peer);
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return builder.build();
    }
}
