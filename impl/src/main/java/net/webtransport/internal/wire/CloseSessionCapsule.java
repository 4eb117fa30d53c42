package net.webtransport.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * WT_CLOSE_SESSION (draft-ietf-webtrans-http3-16, "Session Termination"): a 32-bit application
 * error code followed by a UTF-8 message of at most 1024 bytes.
 *
 * <p>Unpaired surrogates in {@code message} are replaced by U+FFFD on construction, the way WebIDL
 * turns the W3C API's reason into a USVString. (Plain {@link String#getBytes} would turn them into
 * {@code '?'}; replacing them first makes the accessor, the byte count and the wire agree.)
 *
 * @param errorCode unsigned 32-bit application error code, held in a long
 * @param message the reason; its UTF-8 encoding is at most {@link #MAX_MESSAGE_BYTES}
 */
public record CloseSessionCapsule(long errorCode, String message) implements Capsule {

    public static final long TYPE = 0x2843;
    public static final int MAX_MESSAGE_BYTES = 1024;
    /** Largest legal value: the 4-byte code plus the longest message. */
    static final int MAX_VALUE_LENGTH = 4 + MAX_MESSAGE_BYTES;

    public CloseSessionCapsule {
        if (errorCode < 0 || errorCode > ErrorCodes.MAX_APPLICATION_ERROR) {
            throw new IllegalArgumentException("not a 32-bit application error code: " + errorCode);
        }
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        message = Utf8.replaceLoneSurrogates(message);
        int bytes = Utf8.encodedLength(message);
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("close message is " + bytes + " UTF-8 bytes, limit is "
                    + MAX_MESSAGE_BYTES + " (use truncating())");
        }
    }

    /** A close capsule whose message is cut, on a character boundary, to fit the 1024-byte limit. */
    public static CloseSessionCapsule truncating(long errorCode, String message) {
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        return new CloseSessionCapsule(errorCode, truncateUtf8(message, MAX_MESSAGE_BYTES));
    }

    /**
     * The longest prefix of {@code s} whose UTF-8 encoding is at most {@code maxBytes}, never
     * splitting a character: a surrogate pair is kept or dropped as a whole. An unpaired surrogate
     * counts as U+FFFD (3 bytes), which is what this record encodes it as. Returns {@code s} itself
     * when it already fits.
     */
    public static String truncateUtf8(String s, int maxBytes) {
        return Utf8.truncate(s, maxBytes);
    }

    @Override
    public long type() {
        return TYPE;
    }

    @Override
    public int encodedLength() {
        int valueLength = 4 + Utf8.encodedLength(message);
        return VarInt.size(TYPE) + VarInt.size(valueLength) + valueLength;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        VarInt.write(out, TYPE);
        VarInt.write(out, 4 + text.length);
        // Written byte by byte so the caller's buffer byte order cannot flip the code.
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.put((byte) (errorCode >>> shift));
        }
        out.put(text);
    }
}
