package dev.authmd.adapters.smtp;

import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.ClaimMailer;
import dev.authmd.spi.mail.MailDeliveryException;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * A {@link ClaimMailer} that hands claim emails (docs/protocol.md#v01-4) to an SMTP server with Jakarta Mail and its
 * Eclipse Angus implementation.
 *
 * <p>Each email is {@code multipart/alternative} with the library's text part and HTML part, both UTF-8; the subject is
 * RFC 2047-encoded when it is not plain ASCII. Headers: {@code From} from the settings, {@code To} with exactly the one
 * recipient, {@code Subject}, {@code Date} from the injected clock, a random {@code Message-ID} on the sender's domain,
 * and {@code Auto-Submitted: auto-generated} (RFC 3834) so auto-responders stay quiet. The SMTP envelope names only
 * that recipient, whatever the headers say.
 *
 * <p><b>Header injection.</b> {@link ClaimMail} already refuses line breaks; this mailer checks again and sends nothing
 * unless the address parses to exactly one plain {@code local@domain} equal to the input (no display name, list, group,
 * comment, white space or non-ASCII) and the subject has no control characters.
 *
 * <p><b>Failures</b> (refused recipient, connection refused, unknown host, TLS or authentication failure, timeouts, a
 * rejecting server) throw {@link MailDeliveryException} whose message names the server and the kind of failure but
 * never the recipient nor the link. Failures while connecting keep their cause (nothing personal has been sent yet),
 * except a refused login; once the message is under way only network and TLS exceptions are kept, and SMTP replies,
 * which echo the recipient, are reduced to their reply code. A failure to close the connection after the server
 * accepted the message is ignored: the email is on its way and must not be sent twice. This class logs nothing. Do not
 * raise the {@code org.eclipse.angus.mail} loggers to {@code FINEST} in production: Angus then traces the whole SMTP
 * conversation, link included.
 *
 * <p>Thread-safe: the {@link Session} is built once in the constructor and each {@link #send(ClaimMail)} opens and
 * closes its own connection.
 */
public final class SmtpClaimMailer implements ClaimMailer {

    private final SmtpSettings settings;
    private final Clock clock;
    private final Session session;
    private final InternetAddress from;
    private final String messageIdDomain;

    /**
     * Creates a mailer that delivers through the SMTP server in the given settings.
     *
     * @param settings where and how to deliver
     */
    public SmtpClaimMailer(SmtpSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * Creates a mailer with an explicit clock, for tests.
     *
     * @param settings where and how to deliver
     * @param clock the source of the {@code Date} header
     */
    public SmtpClaimMailer(SmtpSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        this.session = Session.getInstance(settings.toProperties());
        this.from = settings.from();
        String sender = from.getAddress();
        this.messageIdDomain = sender.substring(sender.lastIndexOf('@') + 1);
    }

    /**
     * Sends one claim email over a fresh SMTP connection.
     *
     * @param mail the rendered email
     * @throws MailDeliveryException when the email was refused before sending (recipient or subject unsafe) or could
     *     not be handed to the server; nothing was delivered by this call unless the server accepted the message before
     *     the failure was observed
     */
    @Override
    public void send(ClaimMail mail) {
        Objects.requireNonNull(mail, "mail cannot be null");
        InternetAddress to = StrictAddress.parse(mail.to())
                .orElseThrow(() -> new MailDeliveryException(
                        "claim email not sent: the recipient is not exactly one plain email address", null));
        if (mail.subject().chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw new MailDeliveryException("claim email not sent: the subject contains control characters", null);
        }
        MimeMessage message;
        try {
            message = compose(mail, to);
        } catch (MessagingException e) {
            throw new MailDeliveryException(
                    "claim email could not be composed: " + e.getClass().getSimpleName(), null);
        }
        deliver(message, to);
    }

    private MimeMessage compose(ClaimMail mail, InternetAddress to) throws MessagingException {
        MimeMessage message = new ClaimMessage(session, messageIdDomain);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.textBody(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.htmlBody(), StandardCharsets.UTF_8.name(), "html");
        // RFC 2046 §5.1.4: the last part is the preferred one
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private void deliver(MimeMessage message, InternetAddress to) {
        Transport transport;
        try {
            transport = session.getTransport(settings.protocol());
        } catch (MessagingException e) {
            throw new MailDeliveryException(
                    "claim email not sent: no Jakarta Mail provider for " + settings.protocol()
                            + " (is angus-mail on the class path?)",
                    e);
        }
        try {
            connect(transport);
            try {
                transport.sendMessage(message, new Address[] {to});
            } catch (MessagingException e) {
                throw sendFailure(e);
            }
        } finally {
            closeQuietly(transport);
        }
    }

    private void connect(Transport transport) {
        try {
            if (settings.username().isPresent()) {
                transport.connect(
                        settings.host(),
                        settings.port(),
                        settings.username().get(),
                        settings.password().orElseThrow());
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
        } catch (MessagingException e) {
            throw connectFailure(e);
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // QUIT failed: either the message was accepted already (it must not be sent twice)
            // or a failure is already being thrown; nothing useful to add either way
        }
    }

    /**
     * Before the connection is up neither the recipient nor the link has been sent, so the cause cannot quote them and
     * is kept; only a credentials failure drops it (server replies to AUTH may echo what was sent).
     */
    private MailDeliveryException connectFailure(MessagingException e) {
        String server = server();
        IOException network = networkCause(e);
        if (e instanceof AuthenticationFailedException) {
            return new MailDeliveryException("claim email not sent: " + server + " refused the credentials", null);
        }
        if (network != null) {
            return networkFailure(server, network);
        }
        if (e instanceof MailConnectException) {
            return new MailDeliveryException("claim email not sent: could not connect to " + server, e);
        }
        // e.g. STARTTLS required but not offered, or no AUTH mechanism in common
        return new MailDeliveryException(
                "claim email not sent: could not set up a session with " + server
                        + (settings.startTls() == SmtpSettings.StartTls.REQUIRED ? " (STARTTLS is required)" : ""),
                e);
    }

    /**
     * After the envelope is sent, SMTP replies echo the recipient: they are reduced to their reply code and only
     * network or TLS exceptions are kept as the cause.
     */
    private MailDeliveryException sendFailure(MessagingException e) {
        String server = server();
        IOException network = networkCause(e);
        if (network != null) {
            return networkFailure(server, network);
        }
        Integer code = replyCode(e);
        return new MailDeliveryException(
                "claim email not sent: " + server + " rejected the message"
                        + (code == null ? " (" + e.getClass().getSimpleName() + ")" : " (reply " + code + ")"),
                null);
    }

    private static MailDeliveryException networkFailure(String server, IOException network) {
        if (network instanceof SocketTimeoutException) {
            return new MailDeliveryException("claim email not sent: " + server + " timed out", network);
        }
        if (network instanceof ConnectException || network instanceof UnknownHostException) {
            return new MailDeliveryException("claim email not sent: could not connect to " + server, network);
        }
        if (network instanceof SSLException) {
            return new MailDeliveryException("claim email not sent: TLS with " + server + " failed", network);
        }
        return new MailDeliveryException("claim email not sent: I/O error talking to " + server, network);
    }

    private String server() {
        return "SMTP server " + settings.host() + ":" + settings.port();
    }

    /** The innermost I/O exception in the chain: a network or TLS failure, never an SMTP reply. */
    private static IOException networkCause(Throwable e) {
        IOException found = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException) {
                found = (IOException) t;
            }
        }
        return found;
    }

    private static Integer replyCode(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException) {
                return ((SMTPAddressFailedException) t).getReturnCode();
            }
            if (t instanceof SMTPSendFailedException) {
                return ((SMTPSendFailedException) t).getReturnCode();
            }
        }
        return null;
    }

    /** A message whose {@code Message-ID} is random and on the sender's domain, not the local host name. */
    private static final class ClaimMessage extends MimeMessage {

        private final String domain;

        ClaimMessage(Session session, String domain) {
            super(session);
            this.domain = domain;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
        }
    }
}
