package dev.authmd.spi.store;

/**
 * The backing store failed (connection lost, constraint violated unexpectedly, timeout). Distinct from a lost race,
 * which store methods report through their return value. The library answers {@code 500 server_error} and leaves
 * nothing half-written.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and the underlying failure.
     *
     * @param message what failed, without secrets
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception with a message and no cause.
     *
     * @param message what failed, without secrets
     */
    public StoreException(String message) {
        super(message);
    }
}
