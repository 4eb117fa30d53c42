package net.webtransport;

/**
 * A WebIDL {@code DOMException} (<a href="https://webidl.spec.whatwg.org/#idl-DOMException">WebIDL
 * §DOMException</a>): the Java type names the error, and {@link #name()} gives the name the spec
 * uses, so callers (and the JavaScript shim) can map it exactly.
 */
public class DOMException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public DOMException(String message, String name) {
        super(message);
        this.name = name;
    }

    public DOMException(String message, String name, Throwable cause) {
        super(message, cause);
        this.name = name;
    }

    /** The DOMException name, such as {@code "InvalidStateError"}. */
    public String name() {
        return name;
    }
}
