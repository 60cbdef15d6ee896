package dev.authmd.spi.mail;

/**
 * Delivers claim emails. The core ships a logging implementation for development; hosts plug in SMTP or their email
 * provider.
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
