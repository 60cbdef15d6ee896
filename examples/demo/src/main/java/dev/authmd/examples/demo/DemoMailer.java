package dev.authmd.examples.demo;

import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.ClaimMailer;
import dev.authmd.spi.mail.MailDeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's "mail system": prints the claim link so a person can open it, and next to it the request the claim page
 * sends when the person presses "Show my code", so the ceremony can be walked with curl alone; with {@code --mail-dir}
 * it also writes each email as an {@code .eml} file. Development only — a real service never prints or logs a claim
 * link (it is a secret); it sends it with a mailer such as the SMTP one in {@code adapters/smtp-mailer}.
 */
final class DemoMailer implements ClaimMailer {

    private final Path mailDir;
    private final URI challengeUri;
    private final AtomicLong counter = new AtomicLong();

    /**
     * @param mailDir where to write {@code .eml} files, or null
     * @param challengeUri the claim page's code endpoint ({@code AgentAuthConfig.claimChallengeUri()})
     */
    DemoMailer(Path mailDir, URI challengeUri) {
        this.mailDir = mailDir;
        this.challengeUri = challengeUri;
    }

    @Override
    public void send(ClaimMail mail) {
        // printed, not logged: under `mvn exec:java` SLF4J output belongs to Maven and -q hides it
        System.out.printf(
                "[mail] claim email to %s for %s: open %s%n", mail.to(), mail.registrationId(), mail.claimLink());
        linkToken(mail.claimLink())
                .ifPresent(token -> System.out.printf(
                        "[mail]   or, without a browser, the request its \"Show my code\" button sends:%n"
                                + "[mail]   curl -s -X POST %s -H 'Content-Type: application/json' "
                                + "-d '{\"claim_attempt_token\":\"%s\"}'%n",
                        challengeUri, token));
        if (mailDir == null) {
            return;
        }
        try {
            Files.createDirectories(mailDir);
            Path file = mailDir.resolve(String.format("%05d-%s.eml", counter.incrementAndGet(), mail.registrationId()));
            Files.writeString(file, eml(mail), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MailDeliveryException("could not write the email to the mail directory", e);
        }
    }

    /** The link's {@code token} parameter: the claim attempt token the page posts. */
    static Optional<String> linkToken(String claimLink) {
        String query = URI.create(claimLink).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return Optional.of(URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String eml(ClaimMail mail) {
        String boundary = "authmd-" + Long.toHexString(System.nanoTime());
        Base64.Encoder base64 = Base64.getMimeEncoder();
        return "From: authmd demo <no-reply@localhost>\r\n"
                + "To: " + mail.to() + "\r\n"
                + "Subject: =?UTF-8?B?"
                + Base64.getEncoder().encodeToString(mail.subject().getBytes(StandardCharsets.UTF_8))
                + "?=\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64.encodeToString(mail.textBody().getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--" + boundary
                + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64.encodeToString(mail.htmlBody().getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--" + boundary + "--\r\n";
    }
}
