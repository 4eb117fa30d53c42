package net.webtransport;

/**
 * The DOMException {@code "SyntaxError"}: a string could not be accepted as written, for example a URL
 * that does not parse or a protocol list that breaks the {@code WT-Available-Protocols} rules.
 */
public class SyntaxError extends DOMException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for people
     */
    public SyntaxError(String message) {
        super(message, "SyntaxError");
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what went wrong, for people
     * @param cause   the underlying failure, or null
     */
    public SyntaxError(String message, Throwable cause) {
        super(message, "SyntaxError", cause);
    }
}
