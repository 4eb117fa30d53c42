package net.webtransport;

/**
 * A WebIDL {@code DOMException} (<a href="https://webidl.spec.whatwg.org/#idl-DOMException">WebIDL
 * §DOMException</a>): the Java type names the error, and {@link #name()} gives the name the spec
 * uses, so callers (and the JavaScript shim) can map it exactly.
 */
public class DOMException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The WebIDL name of the exception; part of the serialized form. */
    private final String name;

    /**
     * Creates an exception with a message and a WebIDL name.
     *
     * @param message what went wrong, for people
     * @param name    the DOMException name, such as {@code "AbortError"}
     */
    public DOMException(String message, String name) {
        super(message);
        this.name = name;
    }

    /**
     * Creates an exception with a message, a WebIDL name and the failure that caused it.
     *
     * @param message what went wrong, for people
     * @param name    the DOMException name, such as {@code "AbortError"}
     * @param cause   the underlying failure, or null
     */
    public DOMException(String message, String name, Throwable cause) {
        super(message, cause);
        this.name = name;
    }

    /**
     * The DOMException name, such as {@code "InvalidStateError"}.
     *
     * @return the name given at construction
     */
    public String name() {
        return name;
    }
}
