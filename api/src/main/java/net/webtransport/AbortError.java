package net.webtransport;

/**
 * The DOMException {@code "AbortError"}: an operation was cut short, for example a pending write when
 * its transport was closed, or an atomic write refused for want of flow-control room.
 */
public class AbortError extends DOMException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public AbortError(String message) {
        super(message, "AbortError");
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what went wrong, for people
     * @param cause   the underlying failure, or null
     */
    public AbortError(String message, Throwable cause) {
        super(message, "AbortError", cause);
    }
}
