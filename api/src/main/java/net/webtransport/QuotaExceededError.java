package net.webtransport;

/** The DOMException {@code "QuotaExceededError"}: A quota was exceeded, such as the number of streams the peer allows, with {@code waitUntilAvailable} false. */
public class QuotaExceededError extends DOMException {
    private static final long serialVersionUID = 1L;

    public QuotaExceededError(String message) {
        super(message, "QuotaExceededError");
    }

    public QuotaExceededError(String message, Throwable cause) {
        super(message, "QuotaExceededError", cause);
    }
}
