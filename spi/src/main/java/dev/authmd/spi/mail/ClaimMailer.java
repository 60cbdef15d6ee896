package dev.authmd.spi.mail;

/**
 * Delivers claim emails. Hosts plug in SMTP (the {@code SmtpClaimMailer} of {@code adapters/smtp-mailer}) or their
 * email provider. The core ships {@code dev.authmd.core.mail.ConsoleClaimMailer}, which sends nothing and prints each
 * claim link to standard output: for development only, since the link is a secret.
 *
 * <p>Thread-safe. A failed delivery throws {@link MailDeliveryException}; the library then answers the agent with an
 * error it can retry from and sends nothing twice.
 */
@FunctionalInterface
public interface ClaimMailer {

    /**
     * Delivers one claim email.
     *
     * @param mail the rendered email
     * @throws MailDeliveryException when the email could not be handed to the mail system
     */
    void send(ClaimMail mail);
}
