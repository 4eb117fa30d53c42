package net.webtransport;

/** The DOMException {@code "SyntaxError"}: The string did not parse: a bad URL, or a protocol list that breaks the rules. */
public class SyntaxError extends DOMException {
    private static final long serialVersionUID = 1L;

    public SyntaxError(String message) {
        super(message, "SyntaxError");
    }

    public SyntaxError(String message, Throwable cause) {
        super(message, "SyntaxError", cause);
    }
}
