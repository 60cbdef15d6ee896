package dev.authmd.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.MailDeliveryException;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpClaimMailerTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");
    private static final String RECIPIENT = "ada.lovelace@users.example";
    private static final String LINK = "https://service.example/agent/auth/claim/view?token=cvt_"
            + "Q2xhaW1BdHRlbXB0VG9rZW5UaGF0SXNMb25nRW5vdWdoVG9XcmFw" + "&lang=de";
    private static final Pattern TEXT_LINK = Pattern.compile("https://\\S+");
    private static final Pattern HTML_HREF = Pattern.compile("href=\"([^\"]*)\"");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static ClaimMail mail(String to, String serviceName) {
        String text = "Hello,\n\nAn AI agent asked to be linked to your " + serviceName + " account.\n"
                + "Open this link to confirm it was you:\n\n" + LINK + "\n\nThe link expires in 30 minutes.\n";
        String html = "<!doctype html><html><body><p>An AI agent asked to be linked to your "
                + serviceName + " account.</p><p><a href=\"" + LINK.replace("&", "&amp;")
                + "\">Confirm</a></p><p>The link expires in 30 minutes.</p></body></html>";
        return new ClaimMail(
                "tenant-1",
                "reg_1",
                to,
                serviceName + ": confirm your agent",
                text,
                html,
                LINK,
                NOW.plus(Duration.ofMinutes(30)));
    }

    private static SmtpSettings.Builder settings() {
        return SmtpSettings.builder()
                .host("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .from("no-reply@service.example")
                .fromName("Service Example")
                .timeouts(Duration.ofSeconds(5));
    }

    private SmtpClaimMailer mailer(SmtpSettings settings) {
        return new SmtpClaimMailer(settings, clock);
    }

    @Test
    void sendWhenServerUpThenExactlyTheRecipientGetsOneMessage() throws MessagingException {
        mailer(settings().build()).send(mail(RECIPIENT, "Service"));

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getAllRecipients())
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly(RECIPIENT);
        assertThat(message.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(message.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(GREEN_MAIL.getReceivedMessagesForDomain("users.example")).hasSize(1);
        assertThat(message.getFrom())
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("no-reply@service.example");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Service Example");
    }

    @Test
    void sendWhenDeliveredThenMessageIsAlternativeOfTextAndHtmlWithTheLinkIntact() throws Exception {
        ClaimMail mail = mail(RECIPIENT, "Service");
        mailer(settings().build()).send(mail);

        MimeMessage message = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        BodyPart text = alternative.getBodyPart(0);
        BodyPart html = alternative.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat(new ContentType(text.getContentType()).getParameter("charset"))
                .isEqualToIgnoringCase("UTF-8");
        assertThat(new ContentType(html.getContentType()).getParameter("charset"))
                .isEqualToIgnoringCase("UTF-8");

        // SMTP carries lines as CRLF (RFC 5321 §2.3.8); everything else arrives byte for byte
        String textContent = ((String) text.getContent()).replace("\r\n", "\n");
        String htmlContent = ((String) html.getContent()).replace("\r\n", "\n");
        assertThat(textContent).isEqualTo(mail.textBody());
        assertThat(htmlContent).isEqualTo(mail.htmlBody());
        assertThat(linkInText(textContent)).isEqualTo(mail.claimLink());
        assertThat(linkInHtml(htmlContent)).isEqualTo(mail.claimLink());
    }

    @Test
    void sendWhenDeliveredThenHeadersCarryAutoSubmittedMessageIdAndDate() throws MessagingException {
        mailer(settings().build()).send(mail(RECIPIENT, "Service"));

        MimeMessage message = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(message.getHeader("Message-ID"))
                .singleElement(InstanceOfAssertFactories.STRING)
                .matches("<[0-9a-f-]{36}@service\\.example>");
        assertThat(message.getSentDate().toInstant()).isEqualTo(NOW);
    }

    @Test
    void sendWhenTwoMailsThenMessageIdsDiffer() throws MessagingException {
        SmtpClaimMailer mailer = mailer(settings().build());
        mailer.send(mail(RECIPIENT, "Service"));
        mailer.send(mail(RECIPIENT, "Service"));

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).isNotEqualTo(received[1].getMessageID());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Service",
                "Café Grüße",
                "日本のサービス",
                "Ünïcödé ✓ service with a rather long name that needs folding"
            })
    void sendWhenSubjectHasAnyServiceNameThenSubjectDecodesToTheOriginal(String serviceName) throws MessagingException {
        ClaimMail mail = mail(RECIPIENT, serviceName);
        mailer(settings().build()).send(mail);

        MimeMessage message = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo(mail.subject());
        String raw = message.getHeader("Subject", null);
        assertThat(raw.chars().allMatch(c -> c < 0x80))
                .as("raw Subject header is ASCII: %s", raw)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@b.example, evil@x.example",
                "a@b.example,evil@x.example",
                "a@b.example;evil@x.example",
                "\"x\" <a@b.example>",
                "x <a@b.example>",
                "<a@b.example>",
                "a@b.example (comment)",
                "group: a@b.example;",
                "a@b.example\tBcc: evil@x.example",
                "a@b.example Bcc: evil@x.example",
                " a@b.example",
                "a@b.example ",
                "not-an-address",
                "@b.example",
                "a@",
                "ädä@b.example",
                ""
            })
    void sendWhenAddressIsNotOnePlainAddressThenRefusedAndNothingDelivered(String to) {
        SmtpClaimMailer mailer = mailer(settings().build());
        ClaimMail mail = mail(to, "Service");

        MailDeliveryException e = catchThrowableOfType(MailDeliveryException.class, () -> mailer.send(mail));

        assertThat(e).isNotNull();
        assertThat(e).hasMessage("claim email not sent: the recipient is not exactly one plain email address");
        assertThat(e.getCause()).isNull();
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendWhenCredentialsAreRightThenAuthenticatesAndDelivers() {
        GREEN_MAIL.setUser("mailer@service.example", "mailer", "s3cret-pass");

        mailer(settings().credentials("mailer", "s3cret-pass").build()).send(mail(RECIPIENT, "Service"));

        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void sendWhenPasswordIsWrongThenMailDeliveryExceptionAndNothingDelivered() {
        GREEN_MAIL.setUser("mailer@service.example", "mailer", "s3cret-pass");
        SmtpClaimMailer mailer =
                mailer(settings().credentials("mailer", "wrong-pass").build());
        ClaimMail mail = mail(RECIPIENT, "Service");

        MailDeliveryException e = catchThrowableOfType(MailDeliveryException.class, () -> mailer.send(mail));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("refused the credentials").doesNotContain("wrong-pass");
        assertLeaksNothing(e, mail);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendWhenStartTlsRequiredAndServerOffersNoTlsThenNothingSentInClear() {
        SmtpClaimMailer mailer =
                mailer(settings().startTls(SmtpSettings.StartTls.REQUIRED).build());
        ClaimMail mail = mail(RECIPIENT, "Service");

        MailDeliveryException e = catchThrowableOfType(MailDeliveryException.class, () -> mailer.send(mail));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .isEqualTo("claim email not sent: could not set up a session with SMTP server 127.0.0.1:"
                        + GREEN_MAIL.getSmtp().getPort() + " (STARTTLS is required)");
        assertThat(e.getCause()).isInstanceOf(MessagingException.class);
        assertLeaksNothing(e, mail);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendWhenServerIsDownThenMailDeliveryExceptionWithoutAddressOrLink() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SmtpClaimMailer mailer = mailer(settings().port(closedPort).build());
        ClaimMail mail = mail(RECIPIENT, "Service");

        MailDeliveryException e = catchThrowableOfType(MailDeliveryException.class, () -> mailer.send(mail));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .isEqualTo("claim email not sent: could not connect to SMTP server 127.0.0.1:" + closedPort);
        assertLeaksNothing(e, mail);
    }

    @Test
    void sendWhenServerNeverAnswersThenTimesOutWithMailDeliveryException() throws IOException {
        // the kernel completes the TCP handshake from the backlog; nobody ever sends the greeting
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SmtpClaimMailer mailer = mailer(settings()
                    .port(silent.getLocalPort())
                    .readTimeout(Duration.ofMillis(300))
                    .build());
            ClaimMail mail = mail(RECIPIENT, "Service");

            MailDeliveryException e = catchThrowableOfType(MailDeliveryException.class, () -> mailer.send(mail));

            assertThat(e).isNotNull();
            assertThat(e.getMessage())
                    .isEqualTo("claim email not sent: SMTP server 127.0.0.1:" + silent.getLocalPort() + " timed out");
            assertLeaksNothing(e, mail);
        }
    }

    @Test
    void sendWhenServerRejectsTheRecipientThenReplyCodeOnlyWithoutAddressOrLink() throws IOException {
        ClaimMail mail = mail(RECIPIENT, "Service");
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(
                verb -> verb.equals("RCPT") ? "550 5.1.1 <" + RECIPIENT + ">: no such user" : null)) {
            SmtpClaimMailer mailer = mailer(settings().port(server.port()).build());

            MailDeliveryException e = catchThrowableOfType(MailDeliveryException.class, () -> mailer.send(mail));

            assertThat(e).isNotNull();
            assertThat(e.getMessage())
                    .isEqualTo("claim email not sent: SMTP server 127.0.0.1:" + server.port()
                            + " rejected the message (reply 550)");
            assertThat(e.getCause()).isNull();
            assertLeaksNothing(e, mail);
        }
    }

    @Test
    void sendWhenServerRejectsTheContentThenReplyCodeOnlyWithoutAddressOrLink() throws IOException {
        ClaimMail mail = mail(RECIPIENT, "Service");
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(
                verb -> verb.equals("END-OF-DATA") ? "554 5.7.1 rejected, it contains " + LINK : null)) {
            SmtpClaimMailer mailer = mailer(settings().port(server.port()).build());

            MailDeliveryException e = catchThrowableOfType(MailDeliveryException.class, () -> mailer.send(mail));

            assertThat(e).isNotNull();
            assertThat(e.getMessage())
                    .isEqualTo("claim email not sent: SMTP server 127.0.0.1:" + server.port()
                            + " rejected the message (reply 554)");
            assertLeaksNothing(e, mail);
        }
    }

    private static void assertLeaksNothing(Throwable e, ClaimMail mail) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString())
                .doesNotContain(mail.to())
                .doesNotContain(mail.claimLink())
                .doesNotContain("cvt_");
    }

    private static String linkInText(String text) {
        Matcher m = TEXT_LINK.matcher(text);
        assertThat(m.find()).as("a link in the text part").isTrue();
        return m.group();
    }

    private static String linkInHtml(String html) {
        Matcher m = HTML_HREF.matcher(html);
        assertThat(m.find()).as("an href in the HTML part").isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
