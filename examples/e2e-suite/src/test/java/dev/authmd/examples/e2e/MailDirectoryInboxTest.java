package dev.authmd.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's own helpers: reading the demo mailer's .eml files, and the adjustable clock. */
class MailDirectoryInboxTest {

    private static final String LINK = "http://localhost:8080/agent/auth/claim/view?token=cvt_abc-DEF_123";

    @Test
    void latestWhenSeveralEmailsForTheRegistrationThenTheNewestLinkAndItsRecipient(@TempDir Path dir) throws Exception {
        write(dir, "00001-reg_a.eml", "carol@example.com", LINK.replace("abc", "old"));
        write(dir, "00002-reg_b.eml", "dave@example.com", LINK.replace("abc", "other"));
        write(dir, "00003-reg_a.eml", "carol@example.com", LINK);

        ClaimInbox.Message message =
                ClaimInbox.mailDirectory(dir).latest("reg_a").orElseThrow();

        assertThat(message.to()).isEqualTo("carol@example.com");
        assertThat(message.link()).isEqualTo(URI.create(LINK));
    }

    @Test
    void latestWhenNoEmailOrNoDirectoryThenEmpty(@TempDir Path dir) throws Exception {
        write(dir, "00001-reg_a.eml", "carol@example.com", LINK);

        assertThat(ClaimInbox.mailDirectory(dir).latest("reg_ab")).isEmpty();
        assertThat(ClaimInbox.mailDirectory(dir.resolve("missing")).latest("reg_a"))
                .isEmpty();
    }

    @Test
    void latestWhenEmailCarriesNoLinkThenFailsNamingTheFile(@TempDir Path dir) throws Exception {
        write(dir, "00001-reg_a.eml", "carol@example.com", "no link here");

        assertThatThrownBy(() -> ClaimInbox.mailDirectory(dir).latest("reg_a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("00001-reg_a.eml")
                .hasMessageContaining("no claim link");
    }

    @Test
    void advanceWhenMovedThenInstantFollowsAndNeverGoesBack() {
        AdjustableClock clock = new AdjustableClock();
        Instant target = clock.instant().plus(Duration.ofHours(24));

        clock.advancePast(target, Duration.ofSeconds(1));

        assertThat(clock.instant()).isAfter(target);
        assertThat(clock.withZone(java.time.ZoneOffset.ofHours(2)).instant()).isAfter(target);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Writes an email the way the demo's mailer does: multipart/alternative, base64 parts, CRLF. */
    private static void write(Path dir, String name, String to, String text) throws Exception {
        Base64.Encoder base64 = Base64.getMimeEncoder();
        String boundary = "authmd-1234";
        String eml = "From: authmd demo <no-reply@localhost>\r\n"
                + "To: " + to + "\r\n"
                + "Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString("Confirm".getBytes(StandardCharsets.UTF_8))
                + "?=\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64.encodeToString(("Open the link below.\n\n" + text + "\n\nThe link works for an hour, "
                                + "and this line is long enough to wrap the base64 over several lines.\n")
                        .getBytes(StandardCharsets.UTF_8))
                + "\r\n"
                + "--" + boundary
                + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64.encodeToString("<a href=\"http://localhost/elsewhere/view?token=cvt_html\">x</a>"
                        .getBytes(StandardCharsets.UTF_8))
                + "\r\n"
                + "--" + boundary + "--\r\n";
        Files.writeString(dir.resolve(name), eml, StandardCharsets.UTF_8);
    }
}
