package dev.authmd.examples.demo;

import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.ClaimMailer;
import dev.authmd.spi.mail.MailDeliveryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's "mail system": prints the claim link so a person can open it, and with {@code --mail-dir} also writes each
 * email as an {@code .eml} file. Development only — a real service never prints or logs a claim link (it is a secret);
 * it sends it with a mailer such as the SMTP one in {@code adapters/smtp-mailer}.
 */
final class DemoMailer implements ClaimMailer {

    private final Path mailDir;
    private final AtomicLong counter = new AtomicLong();

    DemoMailer(Path mailDir) {
        this.mailDir = mailDir;
    }

    @Override
    public void send(ClaimMail mail) {
        // printed, not logged: under `mvn exec:java` SLF4J output belongs to Maven and -q hides it
        System.out.printf(
                "[mail] claim email to %s for %s: open %s%n", mail.to(), mail.registrationId(), mail.claimLink());
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
