package net.webtransport.internal.wire;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * QUIC variable-length integers (RFC 9000 §16): the two high bits of the first byte give the
 * encoded length (1, 2, 4 or 8 bytes), the remaining bits hold the value in network byte order.
 *
 * <p>Bytes are read and written one at a time, so the {@link java.nio.ByteOrder} of the buffer
 * never matters.
 */
public final class VarInt {

    /** Largest encodable value, 2^62 - 1. */
    public static final long MAX_VALUE = (1L << 62) - 1;

    /** Returned by the read methods when the buffer ends before the encoding does. */
    public static final long INCOMPLETE = -1;

    private VarInt() {
    }

    /** Minimal encoded length of {@code value}: 1, 2, 4 or 8. */
    public static int size(long value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("not a QUIC varint value: " + value);
        }
        if (value < (1L << 6)) {
            return 1;
        }
        if (value < (1L << 14)) {
            return 2;
        }
        if (value < (1L << 30)) {
            return 4;
        }
        return 8;
    }

    /**
     * Writes the minimal encoding of {@code value}. Throws {@link BufferOverflowException}, without
     * writing anything, if {@code out} lacks room.
     */
    public static void write(ByteBuffer out, long value) {
        int len = size(value);
        if (out.remaining() < len) {
            throw new BufferOverflowException();
        }
        // The length prefix is log2(len) in the two top bits: 00, 01, 10, 11.
        long prefixed = value | ((long) Integer.numberOfTrailingZeros(len) << (8 * len - 2));
        for (int shift = 8 * (len - 1); shift >= 0; shift -= 8) {
            out.put((byte) (prefixed >>> shift));
        }
    }

    /** The minimal encoding of {@code value} as a fresh array. */
    public static byte[] encode(long value) {
        byte[] bytes = new byte[size(value)];
        write(ByteBuffer.wrap(bytes), value);
        return bytes;
    }

    /**
     * Reads one varint at the buffer's position and advances past it. Any encoding length is
     * accepted (RFC 9000 §16 permits non-minimal encodings in general).
     *
     * @return the value, or {@link #INCOMPLETE} with the position unchanged if the buffer ends
     *     inside the encoding
     */
    public static long read(ByteBuffer in) {
        int pos = in.position();
        if (pos >= in.limit()) {
            return INCOMPLETE;
        }
        int first = in.get(pos) & 0xff;
        int len = 1 << (first >>> 6);
        if (in.limit() - pos < len) {
            return INCOMPLETE;
        }
        long value = first & 0x3f;
        for (int i = 1; i < len; i++) {
            value = (value << 8) | (in.get(pos + i) & 0xff);
        }
        in.position(pos + len);
        return value;
    }

    /**
     * Like {@link #read} but rejects non-minimal encodings, for fields that must be minimally
     * encoded (e.g. frame types, RFC 9000 §12.4). On error the position is left unchanged.
     *
     * @throws WireException with {@link ErrorCodes#H3_FRAME_ERROR} for a non-minimal encoding
     */
    public static long readMinimal(ByteBuffer in) throws WireException {
        int pos = in.position();
        long value = read(in);
        if (value != INCOMPLETE && in.position() - pos != size(value)) {
            int used = in.position() - pos;
            in.position(pos);
            throw new WireException(ErrorCodes.H3_FRAME_ERROR,
                    "value " + value + " encoded in " + used + " bytes instead of " + size(value));
        }
        return value;
    }

    /**
     * Encoded length announced by the first byte at the buffer's position, without consuming it.
     *
     * @throws BufferUnderflowException if the buffer has no remaining bytes
     */
    public static int peekLength(ByteBuffer in) {
        if (!in.hasRemaining()) {
            throw new BufferUnderflowException();
        }
        return 1 << ((in.get(in.position()) & 0xff) >>> 6);
    }
}
