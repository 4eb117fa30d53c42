package net.webtransport;

/**
 * The ECMAScript {@code RangeError} the spec raises for a number outside its range (an
 * {@code [EnforceRange]} attribute, a keying-material length). An {@link IllegalArgumentException}.
 */
public class RangeError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong with the value, for people
     */
    public RangeError(String message) {
        super(message);
    }
}
