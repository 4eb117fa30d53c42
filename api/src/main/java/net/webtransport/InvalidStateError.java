package net.webtransport;

/**
 * The DOMException {@code "InvalidStateError"}: the object's state forbids the operation, for example
 * opening a stream on a transport that is closed.
 */
public class InvalidStateError extends DOMException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public InvalidStateError(String message) {
        super(message, "InvalidStateError");
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what went wrong, for people
     * @param cause   the underlying failure, or null
     */
    public InvalidStateError(String message, Throwable cause) {
        super(message, "InvalidStateError", cause);
    }
}
