package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.spi.mail.ClaimMail;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** docs/protocol.md#v01-4: the claim email carries the link, escapes everything, injects no header. */
class ClaimEmailTest {

    private static final Instant EXPIRES = Instant.parse("2026-05-04T13:00:00Z");
    private static final String LINK = "https://api.example.com/agent/auth/claim/view?token=cvt_abc&x=<y>";

    @Test
    void renderWhenCalledThenTextAndHtmlCarryTheLinkAndExpiry() {
        ClaimMail mail = ClaimEmail.render("default", "reg_1", "ada@example.com", "Example API", LINK, EXPIRES);

        assertThat(mail.to()).isEqualTo("ada@example.com");
        assertThat(mail.registrationId()).isEqualTo("reg_1");
        assertThat(mail.subject()).isEqualTo("Confirm an AI agent's access to Example API");
        assertThat(mail.claimLink()).isEqualTo(LINK);
        assertThat(mail.expiresAt()).isEqualTo(EXPIRES);
        assertThat(mail.textBody())
                .contains(LINK)
                .contains("2026-05-04 13:00 UTC")
                .contains("ada@example.com");
        assertThat(mail.htmlBody())
                .contains("href=\"https://api.example.com/agent/auth/claim/view?token=cvt_abc&amp;x=&lt;y&gt;\"")
                .contains("2026-05-04 13:00 UTC");
        assertThat(mail.toString()).doesNotContain("cvt_abc").doesNotContain("ada@example.com");
    }

    @Test
    void renderWhenServiceNameHostileThenSubjectSingleLineAndHtmlEscaped() {
        ClaimMail mail = ClaimEmail.render(
                "default",
                "reg_1",
                "ada@example.com",
                "Evil <b>API</b>\r\nBcc: victim@example.com\t\"&'",
                LINK,
                EXPIRES);

        assertThat(mail.subject())
                .doesNotContain("\r")
                .doesNotContain("\n")
                .isEqualTo("Confirm an AI agent's access to Evil <b>API</b> Bcc: victim@example.com \"&'");
        assertThat(mail.htmlBody()).doesNotContain("<b>API</b>").contains("Evil &lt;b&gt;API&lt;/b&gt;");
    }
}
