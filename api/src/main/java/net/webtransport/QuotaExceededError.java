package net.webtransport;

/**
 * The DOMException {@code "QuotaExceededError"}: a limit was reached, for example the number of
 * streams the peer currently allows, when the caller chose not to wait ({@code waitUntilAvailable}
 * false).
 */
public class QuotaExceededError extends DOMException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public QuotaExceededError(String message) {
        super(message, "QuotaExceededError");
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what went wrong, for people
     * @param cause   the underlying failure, or null
     */
    public QuotaExceededError(String message, Throwable cause) {
        super(message, "QuotaExceededError", cause);
    }
}
