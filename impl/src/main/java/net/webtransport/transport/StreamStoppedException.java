package net.webtransport.transport;

/**
 * The peer asked us to stop sending on this stream (STOP_SENDING). {@link #errorCode()} is the
 * WebTransport application error code when the transport exposes it, else {@link #NO_CODE}.
 *
 * @implNote Netty's QUIC binding reports STOP_SENDING only as a failed write and does not surface
 *     its error code, so streams over Netty report {@code NO_CODE}.
 */
public final class StreamStoppedException extends WebTransportException {
    public static final long NO_CODE = -1;

    private final long errorCode;

    public StreamStoppedException(long errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public long errorCode() {
        return errorCode;
    }
}
