package dev.authmd.core.service;

import dev.authmd.core.internal.text.Html;
import dev.authmd.spi.mail.ClaimMail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Renders the claim email (docs/protocol.md#v01-4): a plain-text and an HTML part carrying the link to the claim page.
 * Every dynamic value is escaped in the HTML part; the subject never carries user input, so no header can be injected
 * through it.
 */
final class ClaimEmail {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ClaimEmail() {}

    /**
     * Renders the claim email.
     *
     * @param tenantId the tenant
     * @param registrationId the registration being claimed
     * @param to the normalised recipient
     * @param serviceName the API's display name
     * @param link the claim page link with its attempt token
     * @param expiresAt when the link stops working
     * @return the rendered email
     */
    static ClaimMail render(
            String tenantId, String registrationId, String to, String serviceName, String link, Instant expiresAt) {
        Objects.requireNonNull(link, "link cannot be null");
        String name = singleLine(serviceName);
        String when = WHEN.format(expiresAt);
        String subject = "Confirm an AI agent's access to " + name;
        String text = """
                An AI agent asked to be connected to your %s account (%s).

                If you asked your agent to do this, open the link below. The page shows a
                six-digit code; give that code to your agent to finish.

                %s

                The link works until %s. If you did not ask for this, ignore this email:
                nothing happens without the code.
                """.formatted(name, to, link, when);
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s</title></head>
                <body style="font-family: sans-serif; line-height: 1.5;">
                <p>An AI agent asked to be connected to your <strong>%2$s</strong> account (%3$s).</p>
                <p>If you asked your agent to do this, open the page below. It shows a six-digit code;
                give that code to your agent to finish.</p>
                <p><a href="%4$s">Confirm the agent</a></p>
                <p>The link works until %5$s. If you did not ask for this, ignore this email:
                nothing happens without the code.</p>
                </body></html>
                """.formatted(
                        Html.escape(subject), Html.escape(name), Html.escape(to), Html.escape(link), Html.escape(when));
        return new ClaimMail(tenantId, registrationId, to, subject, text, html, link, expiresAt);
    }

    private static String singleLine(String s) {
        return s.replaceAll("[\\r\\n\\t\\x00-\\x1f]+", " ").strip();
    }
}
