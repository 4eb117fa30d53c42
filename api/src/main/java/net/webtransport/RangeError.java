package net.webtransport;

/**
 * The ECMAScript {@code RangeError} the spec raises for a number outside its range (an
 * {@code [EnforceRange]} attribute, a keying-material length). An {@link IllegalArgumentException}.
 */
public class RangeError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RangeError(String message) {
        super(message);
    }
}
