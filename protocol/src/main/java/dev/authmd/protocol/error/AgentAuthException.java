package dev.authmd.protocol.error;

/**
 * Root of the unchecked exceptions that authmd-java's own code throws when a document or value it is handed breaks the
 * protocol (for example {@link dev.authmd.protocol.metadata.MetadataException}).
 *
 * <p>Not under this root, by design:
 *
 * <ul>
 *   <li>argument checks at public entry points throw {@link NullPointerException} and {@link IllegalArgumentException},
 *       as the JDK does;
 *   <li>{@code dev.authmd.core.fetch.RefusedFetchException} is an {@link java.io.IOException}, because it travels
 *       through the {@code HttpFetcher} contract, which reports I/O failures;
 *   <li>{@code StoreException} and {@code MailDeliveryException} belong to the SPI module, which depends on nothing,
 *       and are thrown by adapters, not by this library.
 * </ul>
 *
 * A request that the protocol rejects is never an exception: use cases return a typed result carrying a
 * {@link ProtocolError}.
 */
public class AgentAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, never containing a secret
     */
    public AgentAuthException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure underneath.
     *
     * @param message what went wrong, never containing a secret
     * @param cause the underlying failure
     */
    public AgentAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
