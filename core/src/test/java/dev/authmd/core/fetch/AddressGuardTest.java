package dev.authmd.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "127.0.0.1",
                "127.255.255.254",
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "100.64.0.1",
                "100.127.255.255",
                "169.254.169.254",
                "169.254.0.1",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "192.0.0.8",
                "192.0.2.1",
                "198.18.0.1",
                "198.51.100.7",
                "203.0.113.9",
                "::",
                "::1",
                "fe80::1",
                "febf::1",
                "fec0::1",
                "fc00::1",
                "fd00::1",
                "fd00:ec2::254",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254",
                "::127.0.0.1",
                "::10.0.0.1",
                "64:ff9b::7f00:1",
                "64:ff9b::a9fe:a9fe",
                "2002:7f00:1::1",
                "2002:a9fe:a9fe::1",
                "2001:db8::1",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "100::1"
            })
    void isRefusedWhenAddressIsNotPublicThenTrue(String literal) throws Exception {
        assertThat(AddressGuard.isRefused(InetAddress.getByName(literal)))
                .as(literal)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.216.34",
                "100.63.255.255",
                "100.128.0.1",
                "172.15.255.255",
                "172.32.0.1",
                "169.253.1.1",
                "2606:4700:4700::1111",
                "2a00:1450:4001:80b::200e",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void isRefusedWhenAddressIsPublicThenFalse(String literal) throws Exception {
        assertThat(AddressGuard.isRefused(InetAddress.getByName(literal)))
                .as(literal)
                .isFalse();
    }

    @Test
    void checkWhenHostResolvesToMetadataAddressThenRefused() {
        AddressGuard guard = AddressGuard.builder()
                .resolver(host -> new InetAddress[] {
                    InetAddress.getByName("93.184.216.34"), InetAddress.getByName("169.254.169.254")
                })
                .build();

        assertThatThrownBy(() -> guard.check(URI.create("https://rebind.example/jwks.json")))
                .isInstanceOf(RefusedFetchException.class)
                .hasMessageContaining("rebind.example");
    }

    @Test
    void checkWhenHostResolvesToPublicAddressesThenAllowed() {
        AddressGuard guard = AddressGuard.builder()
                .resolver(host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")})
                .build();

        assertThatCode(() -> guard.check(URI.create("https://provider.example/jwks.json")))
                .doesNotThrowAnyException();
    }

    @Test
    void checkWhenPlainHttpThenRefusedBeforeResolving() {
        AddressGuard guard = AddressGuard.builder()
                .resolver(host -> {
                    throw new AssertionError("must not resolve");
                })
                .build();

        assertThatThrownBy(() -> guard.check(URI.create("http://provider.example/jwks.json")))
                .isInstanceOf(RefusedFetchException.class)
                .hasMessageContaining("only https");
    }

    @Test
    void checkWhenIpLiteralIsLoopbackThenRefused() {
        assertThatThrownBy(() -> AddressGuard.strict().check(URI.create("https://127.0.0.1/jwks.json")))
                .isInstanceOf(RefusedFetchException.class);
        assertThatThrownBy(() -> AddressGuard.strict().check(URI.create("https://[::1]/jwks.json")))
                .isInstanceOf(RefusedFetchException.class);
        assertThatThrownBy(() -> AddressGuard.strict().check(URI.create("https://[::ffff:169.254.169.254]/")))
                .isInstanceOf(RefusedFetchException.class);
    }

    @Test
    void checkWhenUserInfoOrNoHostThenRefused() {
        assertThatThrownBy(() -> AddressGuard.strict().check(URI.create("https://user:pw@provider.example/")))
                .isInstanceOf(RefusedFetchException.class)
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> AddressGuard.strict().check(URI.create("file:///etc/passwd")))
                .isInstanceOf(RefusedFetchException.class);
    }

    @Test
    void checkWhenOriginAllowedThenHttpLoopbackAllowedButOnlyOnThatPort() {
        AddressGuard guard = AddressGuard.builder()
                .allowOrigin(URI.create("http://localhost:8080"))
                .build();

        assertThatCode(() -> guard.check(URI.create("http://localhost:8080/jwks.json")))
                .doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("http://LOCALHOST:8080/x"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check(URI.create("http://localhost:8081/jwks.json")))
                .isInstanceOf(RefusedFetchException.class);
        assertThatThrownBy(() -> guard.check(URI.create("https://localhost:8080/jwks.json")))
                .isInstanceOf(RefusedFetchException.class);
    }

    @Test
    void checkWhenHostAllowedThenAnyPortAllowed() {
        AddressGuard guard = AddressGuard.builder().allowHost("localhost").build();

        assertThatCode(() -> guard.check(URI.create("http://localhost:9999/a"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.1:9999/a")))
                .isInstanceOf(RefusedFetchException.class);
    }

    @Test
    void checkWhenHostDoesNotResolveThenUnknownHost() {
        AddressGuard guard = AddressGuard.builder()
                .resolver(host -> {
                    throw new UnknownHostException(host);
                })
                .build();

        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.example/")))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void allowOriginWhenNotHttpThenRefused() {
        assertThatThrownBy(() -> AddressGuard.builder().allowOrigin(URI.create("ftp://localhost")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
