package dev.authmd.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    void canonicalWhenIpv6ThenRfc5952() {
        assertThat(canonical("::")).isEqualTo("::");
        assertThat(canonical("::1")).isEqualTo("::1");
        assertThat(canonical("1::")).isEqualTo("1::");
        assertThat(canonical("2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(canonical("1:0:0:1:0:0:0:1")).isEqualTo("1:0:0:1::1");
        assertThat(canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(canonical("1:0:2:3:4:5:6:7")).isEqualTo("1:0:2:3:4:5:6:7");
    }

    @Test
    void parseWhenNotALiteralThenEmptyWithoutDns() {
        assertThat(IpAddresses.parse("localhost")).isEmpty();
        assertThat(IpAddresses.parse("example.com")).isEmpty();
        assertThat(IpAddresses.parse("1.2.3")).isEmpty();
        assertThat(IpAddresses.parse("01.2.3.256")).isEmpty();
        assertThat(IpAddresses.parse("fe80::1%eth0")).isEmpty();
        assertThat(IpAddresses.parse("1:2")).isEmpty();
        assertThat(IpAddresses.parse(".:1")).isEmpty();
        assertThat(IpAddresses.parse(null)).isEmpty();
    }

    @Test
    void bucketWhenIpv6ThenSlash64AndIpv4ThenAddress() {
        assertThat(IpAddresses.bucket(parse("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2::/64");
        assertThat(IpAddresses.bucket(parse("203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    private static String canonical(String text) {
        return IpAddresses.canonical(parse(text));
    }

    private static InetAddress parse(String text) {
        return IpAddresses.parse(text).orElseThrow();
    }
}
