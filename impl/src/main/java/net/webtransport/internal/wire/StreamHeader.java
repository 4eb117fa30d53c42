package net.webtransport.internal.wire;

import java.nio.ByteBuffer;

/**
 * The header that opens a WebTransport data stream (draft-ietf-webtrans-http3-16 §4.2
 * "Unidirectional Streams" and §4.3 "Bidirectional Streams"): a stream type (0x54) or the WT_STREAM
 * signal (0x41), then the Session ID, both varints. Both codes exceed 63, so each takes two bytes.
 */
public final class StreamHeader {

    /** Unidirectional stream type for WebTransport streams. */
    public static final long UNI_STREAM_TYPE = 0x54;
    /** WT_STREAM signal value that starts a WebTransport bidirectional stream. */
    public static final long BIDI_SIGNAL = 0x41;

    private StreamHeader() {
    }

    /** Header of a unidirectional stream of session {@code sessionId}, flipped for reading. */
    public static ByteBuffer uni(long sessionId) {
        return header(UNI_STREAM_TYPE, sessionId);
    }

    /** Header of a bidirectional stream of session {@code sessionId}, flipped for reading. */
    public static ByteBuffer bidi(long sessionId) {
        return header(BIDI_SIGNAL, sessionId);
    }

    /** Length of either header: the two codes encode to the same number of bytes. */
    public static int length(long sessionId) {
        return VarInt.size(UNI_STREAM_TYPE) + VarInt.size(checkSessionId(sessionId));
    }

    /**
     * Reads the Session ID that follows the stream type or signal (which the caller has consumed).
     *
     * @return the session ID, or {@link VarInt#INCOMPLETE} with the position unchanged if the
     *     varint is not complete yet
     * @throws WireException {@link ErrorCodes#H3_ID_ERROR} if the ID is not a client-initiated
     *     bidirectional stream ID, which every CONNECT stream is
     */
    public static long readSessionId(ByteBuffer in) throws WireException {
        long id = VarInt.read(in);
        if (id != VarInt.INCOMPLETE && (id & 3) != 0) {
            throw new WireException(ErrorCodes.H3_ID_ERROR,
                    "session ID " + id + " is not a client-initiated bidirectional stream ID");
        }
        return id;
    }

    private static ByteBuffer header(long type, long sessionId) {
        ByteBuffer out = ByteBuffer.allocate(length(sessionId));
        VarInt.write(out, type);
        VarInt.write(out, sessionId);
        return out.flip();
    }

    private static long checkSessionId(long sessionId) {
        if (sessionId < 0 || sessionId > VarInt.MAX_VALUE || (sessionId & 3) != 0) {
            throw new IllegalArgumentException("not a client-initiated bidirectional stream ID: " + sessionId);
        }
        return sessionId;
    }
}
