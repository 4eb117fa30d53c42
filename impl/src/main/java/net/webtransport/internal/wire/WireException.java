package net.webtransport.internal.wire;

/**
 * A malformed or forbidden wire element was received. Carries the HTTP/3 (RFC 9114 §8.1) or
 * WebTransport (draft-ietf-webtrans-http3-16, "IANA Considerations") error code, taken from
 * {@link ErrorCodes}, that the caller should use when resetting the stream or closing the session.
 */
public final class WireException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long errorCode;

    public WireException(long errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** The error code to close the offending stream or session with. */
    public long errorCode() {
        return errorCode;
    }

    @Override
    public String toString() {
        return "WireException[" + ErrorCodes.name(errorCode) + "]: " + getMessage();
    }
}
