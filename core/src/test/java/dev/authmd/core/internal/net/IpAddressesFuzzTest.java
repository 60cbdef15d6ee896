package dev.authmd.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.authmd.core.ratelimit.ClientAddressResolver;
import dev.authmd.spi.http.HttpRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes IP normalisation: the peer address and {@code X-Forwarded-For} hops an adapter hands in, which key every
 * per-IP rate limit. Contract: nothing throws; a parsed address writes back to a canonical form that parses to the same
 * address; buckets are stable; the resolver answers only canonical addresses.
 */
class IpAddressesFuzzTest {

    private static final ClientAddressResolver BEHIND_PROXIES =
            ClientAddressResolver.trustingProxies(List.of("10.0.0.0/8", "::1", "fd00::/8"));

    /** The input up to the first zero byte is the peer address; the rest is an {@code X-Forwarded-For} value. */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void addressesNormaliseToOneCanonicalForm(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int zero = text.indexOf('\0');
        String peer = zero < 0 ? text : text.substring(0, zero);
        String forwardedFor = zero < 0 ? "" : text.substring(zero + 1);

        Optional<InetAddress> parsed = IpAddresses.parse(peer);
        parsed.ifPresent(address -> {
            String canonical = IpAddresses.canonical(address);
            assertThat(canonical.length()).isLessThanOrEqualTo(39);
            assertThat(IpAddresses.parse(canonical)).contains(address);
            assertThat(IpAddresses.canonical(IpAddresses.parse(canonical).orElseThrow()))
                    .isEqualTo(canonical);
            for (int bits : new int[] {48, 56, 64, 128}) {
                assertThat(IpAddresses.bucket(address, bits)).isEqualTo(IpAddresses.bucket(address, bits));
            }
        });
        IpAddresses.parseBare(peer).ifPresent(address -> assertThat(parsed).contains(address));

        HttpRequest request = HttpRequest.builder("GET", "/api/me")
                .remoteAddress(peer)
                .header("X-Forwarded-For", forwardedFor)
                .build();
        for (ClientAddressResolver resolver : List.of(ClientAddressResolver.peerOnly(), BEHIND_PROXIES)) {
            resolver.resolve(request).ifPresent(client -> {
                InetAddress address = IpAddresses.parse(client).orElseThrow();
                assertThat(IpAddresses.canonical(address)).isEqualTo(client);
            });
        }
    }
}
