package dev.authmd.spi.mail;

/** A claim email could not be handed to the mail system. */
public class MailDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and the underlying failure.
     *
     * @param message what failed; never the link or the address
     * @param cause the underlying failure
     */
    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
