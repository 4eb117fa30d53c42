package net.webtransport;

/**
 * The ECMAScript {@code TypeError} the spec raises for a value of the wrong kind (a header the API
 * does not allow, a send group of another transport at creation). An {@link IllegalArgumentException},
 * as a Java caller expects of a bad argument.
 */
public class TypeError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong with the value, for people
     */
    public TypeError(String message) {
        super(message);
    }
}
