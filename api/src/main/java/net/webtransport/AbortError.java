package net.webtransport;

/** The DOMException {@code "AbortError"}: The operation was aborted, for example because the transport was closed while it was pending. */
public class AbortError extends DOMException {
    private static final long serialVersionUID = 1L;

    public AbortError(String message) {
        super(message, "AbortError");
    }

    public AbortError(String message, Throwable cause) {
        super(message, "AbortError", cause);
    }
}
