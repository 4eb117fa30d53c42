package net.webtransport.internal.wire;

import java.nio.ByteBuffer;

/**
 * The header of an HTTP/3 datagram (RFC 9297 §2.1) as used by WebTransport
 * (draft-ietf-webtrans-http3-16, "Datagrams"): the QUIC DATAGRAM payload starts with the Quarter
 * Stream ID, the session's CONNECT stream ID divided by four, followed directly by the application
 * payload (WebTransport uses no context ID).
 */
public final class HttpDatagram {

    /** Largest Quarter Stream ID whose stream ID (times four) is still a valid varint. */
    private static final long MAX_QUARTER_ID = VarInt.MAX_VALUE / 4;

    private HttpDatagram() {
    }

    /** Bytes the header takes for datagrams of session {@code sessionId}. */
    public static int headerLength(long sessionId) {
        return VarInt.size(quarter(sessionId));
    }

    /** Writes the Quarter Stream ID of {@code sessionId}. */
    public static void writeHeader(ByteBuffer out, long sessionId) {
        VarInt.write(out, quarter(sessionId));
    }

    /**
     * Consumes the Quarter Stream ID at the start of a received datagram; the position is then at
     * the application payload.
     *
     * @return the session ID (the CONNECT stream ID)
     * @throws WireException {@link ErrorCodes#H3_DATAGRAM_ERROR} if the datagram is too short to
     *     hold the varint or names a stream ID beyond 2^62 - 1 (RFC 9297 §2.1)
     */
    public static long readSessionId(ByteBuffer in) throws WireException {
        long quarter = VarInt.read(in);
        if (quarter == VarInt.INCOMPLETE) {
            throw new WireException(ErrorCodes.H3_DATAGRAM_ERROR,
                    "datagram of " + in.remaining() + " bytes ends inside its Quarter Stream ID");
        }
        if (quarter > MAX_QUARTER_ID) {
            throw new WireException(ErrorCodes.H3_DATAGRAM_ERROR,
                    "Quarter Stream ID " + quarter + " exceeds " + MAX_QUARTER_ID);
        }
        return quarter * 4;
    }

    private static long quarter(long sessionId) {
        // Sessions are client-initiated bidirectional streams, whose IDs are multiples of four.
        if (sessionId < 0 || sessionId > VarInt.MAX_VALUE || (sessionId & 3) != 0) {
            throw new IllegalArgumentException("not a client-initiated bidirectional stream ID: " + sessionId);
        }
        return sessionId >>> 2;
    }
}
