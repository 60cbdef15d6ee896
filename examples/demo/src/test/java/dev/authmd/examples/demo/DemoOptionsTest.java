package dev.authmd.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void parseWhenNothingGivenThenDefaults() {
        DemoOptions options = DemoOptions.parse(new String[0], Map.of());

        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(options.trusted()).isEmpty();
        assertThat(options.mailDir()).isNull();
        assertThat(options.rateLimits()).isTrue();
        assertThat(options.warmUp()).isZero();
        assertThat(options.bind()).isEqualTo("127.0.0.1");
        assertThat(options.demoProvider()).isTrue();
        assertThat(options.help()).isFalse();
    }

    @Test
    void parseWhenBindAndDemoProviderGivenThenFlagsWinOverVariablesAndGarbageIsRefused() {
        DemoOptions options = DemoOptions.parse(
                new String[] {"--bind", "0.0.0.0", "--demo-provider", "off"},
                Map.of("AUTHMD_BIND", "10.0.0.1", "AUTHMD_DEMO_PROVIDER", "on"));
        assertThat(options.bind()).isEqualTo("0.0.0.0");
        assertThat(options.demoProvider()).isFalse();
        assertThat(DemoOptions.parse(new String[0], Map.of("AUTHMD_DEMO_PROVIDER", "OFF"))
                        .demoProvider())
                .isFalse();
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--demo-provider", "maybe"}, Map.of()))
                .hasMessage("--demo-provider takes on or off: maybe");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bind", "a b"}, Map.of()))
                .hasMessage("--bind takes an address or host name: a b");
    }

    @Test
    void parseWhenWarmUpGivenThenSecondsFlagWinningOverVariable() {
        assertThat(DemoOptions.parse(new String[] {"--warm-up", "5"}, Map.of("AUTHMD_WARM_UP", "9"))
                        .warmUp())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(DemoOptions.parse(new String[0], Map.of("AUTHMD_WARM_UP", " 9 "))
                        .warmUp())
                .isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void parseWhenWarmUpGarbageThenClearError() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--warm-up", "5s"}, Map.of()))
                .hasMessage("--warm-up takes whole seconds: 5s");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--warm-up", "-1"}, Map.of()))
                .hasMessage("--warm-up takes 0 to 300 seconds: -1");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--warm-up=301"}, Map.of()))
                .hasMessage("--warm-up takes 0 to 300 seconds: 301");
    }

    @Test
    void parseWhenFlagsAndEnvironmentThenFlagsWin() {
        DemoOptions options = DemoOptions.parse(
                new String[] {
                    "--port",
                    "9090",
                    "--trust",
                    "https://p.example=https://p.example/jwks",
                    "--trust=http://localhost:7000=http://localhost:7000/jwks",
                    "--mail-dir=/tmp/mail",
                    "--rate-limits",
                    "off"
                },
                Map.of(
                        "AUTHMD_PORT",
                        "1",
                        "AUTHMD_TRUST",
                        "https://ignored=https://ignored/jwks",
                        "AUTHMD_BASE_URL",
                        "https://demo.example/"));

        assertThat(options.port()).isEqualTo(9090);
        assertThat(options.baseUrl()).isEqualTo(URI.create("https://demo.example"));
        assertThat(options.trusted()).containsOnlyKeys("https://p.example", "http://localhost:7000");
        assertThat(options.trusted().get("http://localhost:7000")).isEqualTo(URI.create("http://localhost:7000/jwks"));
        assertThat(options.mailDir()).isEqualTo(Path.of("/tmp/mail"));
        assertThat(options.rateLimits()).isFalse();
    }

    @Test
    void parseWhenOnlyEnvironmentThenUsed() {
        DemoOptions options = DemoOptions.parse(
                new String[0],
                Map.of(
                        "AUTHMD_PORT",
                        "7070",
                        "AUTHMD_TRUST",
                        "https://a=https://a/jwks, https://b=https://b/jwks",
                        "AUTHMD_MAIL_DIR",
                        "mail",
                        "AUTHMD_RATE_LIMITS",
                        "OFF"));

        assertThat(options.port()).isEqualTo(7070);
        assertThat(options.baseUrl()).isEqualTo(URI.create("http://localhost:7070"));
        assertThat(options.trusted()).containsOnlyKeys("https://a", "https://b");
        assertThat(options.rateLimits()).isFalse();
    }

    @Test
    void parseWhenGarbageThenClearError() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--port", "eighty"}, Map.of()))
                .hasMessage("port must be a number: eighty");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessage("port must be between 0 and 65535: 70000");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--trust", "no-equals"}, Map.of()))
                .hasMessage("--trust takes ISSUER=JWKS_URL: no-equals");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--colour", "red"}, Map.of()))
                .hasMessage("unknown option: --colour (see --help)");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"stray"}, Map.of()))
                .hasMessage("unknown or incomplete option: stray (see --help)");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--rate-limits", "maybe"}, Map.of()))
                .hasMessage("--rate-limits takes on or off: maybe");
        assertThat(DemoOptions.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
    }

    @Test
    void publicUrlWhenPortZeroThenTheBoundPortElseUnchanged() {
        DemoOptions picked = DemoOptions.parse(new String[] {"--port", "0"}, Map.of());
        DemoOptions fixed =
                DemoOptions.parse(new String[] {"--port", "0", "--base-url", "https://demo.example"}, Map.of());

        assertThat(picked.publicUrl(51234)).isEqualTo(URI.create("http://localhost:51234"));
        assertThat(fixed.publicUrl(51234)).isEqualTo(URI.create("https://demo.example"));
    }

    @Test
    void parseWhenProfilesGivenThenThoseElseBothAndGarbageRefused() {
        assertThat(DemoOptions.parse(new String[0], Map.of()).profiles())
                .containsExactlyInAnyOrder(WireProfile.V0_1, WireProfile.CURRENT);
        assertThat(DemoOptions.parse(new String[] {"--profiles", "v0.1"}, Map.of())
                        .profiles())
                .containsExactly(WireProfile.V0_1);
        assertThat(DemoOptions.parse(new String[0], Map.of("AUTHMD_PROFILES", " Current "))
                        .profiles())
                .containsExactly(WireProfile.CURRENT);
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--profiles", "v0.7"}, Map.of()))
                .hasMessage("--profiles takes v0.1, current or both, comma-separated: v0.7");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--profiles", ""}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
