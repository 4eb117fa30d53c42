package net.webtransport.transport;

/**
 * The peer reset the stream (RESET_STREAM): no more data will arrive. {@link #errorCode()} is the
 * WebTransport application error code, or {@link #NO_CODE} when the HTTP/3 code the peer sent lies
 * outside the WebTransport range (draft-ietf-webtrans-http3-16 §4.4: such resets are delivered
 * without an application code).
 */
public final class StreamResetException extends WebTransportException {
    public static final long NO_CODE = -1;

    private final long errorCode;
    private final long http3ErrorCode;

    /**
     * @param errorCode      the WebTransport application error code, or {@link #NO_CODE}
     * @param http3ErrorCode the HTTP/3 error code the RESET_STREAM carried
     */
    public StreamResetException(long errorCode, long http3ErrorCode, String message) {
        super(message);
        this.errorCode = errorCode;
        this.http3ErrorCode = http3ErrorCode;
    }

    public long errorCode() {
        return errorCode;
    }

    /** The HTTP/3 error code exactly as the RESET_STREAM carried it. */
    public long http3ErrorCode() {
        return http3ErrorCode;
    }
}
