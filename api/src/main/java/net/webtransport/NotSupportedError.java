package net.webtransport;

/** The DOMException {@code "NotSupportedError"}: The operation is not supported, such as certificate hashes on a pooled connection. */
public class NotSupportedError extends DOMException {
    private static final long serialVersionUID = 1L;

    public NotSupportedError(String message) {
        super(message, "NotSupportedError");
    }

    public NotSupportedError(String message, Throwable cause) {
        super(message, "NotSupportedError", cause);
    }
}
