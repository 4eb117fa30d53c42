package net.webtransport;

/** The DOMException {@code "InvalidStateError"}: The object is in a state that does not allow the operation, such as a closed transport. */
public class InvalidStateError extends DOMException {
    private static final long serialVersionUID = 1L;

    public InvalidStateError(String message) {
        super(message, "InvalidStateError");
    }

    public InvalidStateError(String message, Throwable cause) {
        super(message, "InvalidStateError", cause);
    }
}
