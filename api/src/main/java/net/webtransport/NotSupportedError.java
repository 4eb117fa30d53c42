package net.webtransport;

/**
 * The DOMException {@code "NotSupportedError"}: the combination asked for is not supported, for
 * example server certificate hashes together with a pooled connection.
 */
public class NotSupportedError extends DOMException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public NotSupportedError(String message) {
        super(message, "NotSupportedError");
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what went wrong, for people
     * @param cause   the underlying failure, or null
     */
    public NotSupportedError(String message, Throwable cause) {
        super(message, "NotSupportedError", cause);
    }
}
