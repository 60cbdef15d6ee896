package dev.authmd.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.adapters.smtp.SmtpSettings.StartTls;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpSettingsTest {

    private static SmtpSettings.Builder remote() {
        return SmtpSettings.builder().host("smtp.example.com").from("no-reply@example.com");
    }

    @Test
    void buildWhenRemoteHostThenSafeDefaults() {
        SmtpSettings s = remote().build();

        assertThat(s.port()).isEqualTo(587);
        assertThat(s.startTls()).isEqualTo(StartTls.REQUIRED);
        assertThat(s.implicitTls()).isFalse();
        assertThat(s.username()).isEmpty();
        assertThat(s.fromName()).isEmpty();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        Properties p = s.toProperties();
        assertThat(p.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
        assertThat(p.getProperty("mail.smtp.timeout")).isEqualTo("10000");
        assertThat(p.getProperty("mail.smtp.writetimeout")).isEqualTo("10000");
        assertThat(p.getProperty("mail.smtp.auth")).isEqualTo("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1"})
    void buildWhenLoopbackHostThenStartTlsDefaultsToOff(String host) {
        assertThat(remote().host(host).build().startTls()).isEqualTo(StartTls.OFF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "10.0.0.1"})
    void buildWhenHostOnlyLooksLikeLoopbackThenStartTlsStaysRequired(String host) {
        assertThat(remote().host(host).build().startTls()).isEqualTo(StartTls.REQUIRED);
        assertThatThrownBy(() -> remote().host(host)
                        .credentials("u", "p")
                        .startTls(StartTls.OFF)
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildWhenLoopbackHostAndStartTlsChosenThenChoiceKept() {
        assertThat(remote().host("localhost")
                        .startTls(StartTls.REQUIRED)
                        .build()
                        .startTls())
                .isEqualTo(StartTls.REQUIRED);
    }

    @Test
    void buildWhenImplicitTlsThenPort465SmtpsAndNoStartTls() {
        SmtpSettings s = remote().implicitTls(true).build();

        assertThat(s.port()).isEqualTo(465);
        assertThat(s.startTls()).isEqualTo(StartTls.OFF);
        assertThat(s.protocol()).isEqualTo("smtps");
        Properties p = s.toProperties();
        assertThat(p.getProperty("mail.smtps.ssl.enable")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtps.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtps.host")).isEqualTo("smtp.example.com");
    }

    @Test
    void buildWhenImplicitTlsAndStartTlsRequiredThenRefused() {
        assertThatThrownBy(() ->
                        remote().implicitTls(true).startTls(StartTls.REQUIRED).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("implicitTls already encrypts the connection; do not also set startTls to REQUIRED");
    }

    @Test
    void buildWhenExplicitPortThenKept() {
        assertThat(remote().port(2525).build().port()).isEqualTo(2525);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void buildWhenPortOutOfRangeThenRefused(int port) {
        assertThatThrownBy(() -> remote().port(port).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 1 and 65535");
    }

    @Test
    void buildWhenHostMissingThenRefused() {
        assertThatThrownBy(() -> SmtpSettings.builder().from("a@example.com").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("host must be set");
    }

    @Test
    void buildWhenFromMissingThenRefused() {
        assertThatThrownBy(() -> SmtpSettings.builder().host("smtp.example.com").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("from must be set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "smtp example.com", "smtp.example.com\r\n"})
    void buildWhenHostMalformedThenRefused(String host) {
        assertThatThrownBy(() -> remote().host(host).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host must be a host name or IP address without spaces or control characters");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "no-reply",
                "Example <no-reply@example.com>",
                "a@example.com, b@example.com",
                "no-reply@example.com\r\nBcc: evil@x.y",
                ""
            })
    void buildWhenFromNotOnePlainAddressThenRefused(String from) {
        assertThatThrownBy(() -> remote().from(from).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from must be exactly one plain email address like no-reply@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Evil\r\nBcc: x@y.z"})
    void buildWhenFromNameBlankOrWithControlCharactersThenRefused(String name) {
        assertThatThrownBy(() -> remote().fromName(name).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fromName must be non-blank and free of control characters");
    }

    @Test
    void buildWhenFromNameThenKeptApartFromTheAddress() {
        SmtpSettings s = remote().fromName("Café Example").build();

        assertThat(s.fromAddress()).isEqualTo("no-reply@example.com");
        assertThat(s.fromName()).contains("Café Example");
    }

    @Test
    void buildWhenCredentialsThenAuthOnAndToStringHidesPassword() {
        SmtpSettings s = remote().credentials("mailer", "hunter2-secret").build();

        assertThat(s.username()).contains("mailer");
        assertThat(s.password()).contains("hunter2-secret");
        assertThat(s.toProperties().getProperty("mail.smtp.auth")).isEqualTo("true");
        assertThat(s.toProperties().values()).doesNotContain("hunter2-secret");
        assertThat(s.toString()).contains("mailer").contains("password=****").doesNotContain("hunter2-secret");
    }

    @Test
    void toStringWhenNoCredentialsThenSaysNone() {
        assertThat(remote().build().toString()).contains("username=none").contains("password=none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPTIONAL", "OFF"})
    void buildWhenCredentialsMayTravelInClearToRemoteHostThenRefused(StartTls mode) {
        assertThatThrownBy(() -> remote().credentials("u", "p").startTls(mode).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("credentials to a non-loopback host need implicitTls or startTls REQUIRED; "
                        + "set allowCredentialsWithoutTls(true) to send them unencrypted anyway");
    }

    @Test
    void buildWhenCredentialsInClearAllowedExplicitlyThenBuilt() {
        SmtpSettings s = remote().credentials("u", "p")
                .startTls(StartTls.OFF)
                .allowCredentialsWithoutTls(true)
                .build();

        assertThat(s.allowCredentialsWithoutTls()).isTrue();
        assertThat(s.toProperties().getProperty("mail.smtp.starttls.enable")).isEqualTo("false");
    }

    @Test
    void buildWhenCredentialsOverImplicitTlsOrToLoopbackThenBuilt() {
        assertThat(remote().credentials("u", "p").implicitTls(true).build().username())
                .contains("u");
        assertThat(remote().host("localhost").credentials("u", "p").build().username())
                .contains("u");
    }

    @Test
    void buildWhenUsernameEmptyThenRefused() {
        assertThatThrownBy(() -> remote().credentials("", "p").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("username must be non-empty and free of control characters");
    }

    @Test
    void noCredentialsWhenCalledAfterCredentialsThenAuthOff() {
        assertThat(remote().credentials("u", "p").noCredentials().build().username())
                .isEmpty();
    }

    @Test
    void buildWhenTimeoutsSetThenEachInProperties() {
        Properties p = remote().connectTimeout(Duration.ofMillis(1500))
                .readTimeout(Duration.ofSeconds(3))
                .writeTimeout(Duration.ofSeconds(4))
                .build()
                .toProperties();

        assertThat(p.getProperty("mail.smtp.connectiontimeout")).isEqualTo("1500");
        assertThat(p.getProperty("mail.smtp.timeout")).isEqualTo("3000");
        assertThat(p.getProperty("mail.smtp.writetimeout")).isEqualTo("4000");
    }

    @Test
    void buildWhenTimeoutZeroThenRefused() {
        assertThatThrownBy(() -> remote().readTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readTimeout must be between 1 ms and 2147483647 ms");
    }

    @Test
    void buildWhenTimeoutNegativeOrHugeThenRefused() {
        assertThatThrownBy(() -> remote().connectTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("connectTimeout must be between 1 ms and 2147483647 ms");
        assertThatThrownBy(() -> remote().writeTimeout(Duration.ofSeconds(Long.MAX_VALUE))
                        .build())
                .hasMessage("writeTimeout must be between 1 ms and 2147483647 ms");
    }

    @Test
    void builderWhenNullArgumentThenNamedNullPointerException() {
        assertThatThrownBy(() -> SmtpSettings.builder().host(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("host cannot be null");
        assertThatThrownBy(() -> SmtpSettings.builder().credentials("u", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("password cannot be null");
    }
}
