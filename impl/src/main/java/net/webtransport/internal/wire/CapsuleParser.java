package net.webtransport.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental reader of the capsule stream (RFC 9297 §3.2) that forms the body of a WebTransport
 * CONNECT stream (draft-ietf-webtrans-http3-16). Feed it the payloads of HTTP/3 DATA frames in
 * order and call {@link #next()} until it returns {@code null}.
 *
 * <p>Memory stays bounded whatever the peer sends: every capsule type we interpret has a maximum
 * value length and a larger declared length is rejected as soon as the header is complete; the
 * value of an unknown capsule is discarded as it arrives, however long it claims to be. Once
 * {@code next()} has returned {@code null}, at most one partial capsule (under 1.1 KB) is held.
 *
 * <p>Errors are sticky: after a {@link WireException} every later {@code next()} throws again and
 * fed bytes are dropped, since the stream can no longer be framed.
 *
 * <p>Not thread-safe.
 */
public final class CapsuleParser {

    /** WT_MAX_STREAM_DATA: defined for WebTransport over HTTP/2 only. */
    public static final long WT_MAX_STREAM_DATA_TYPE = 0x190B4D3EL;
    /** WT_STREAM_DATA_BLOCKED: defined for WebTransport over HTTP/2 only. */
    public static final long WT_STREAM_DATA_BLOCKED_TYPE = 0x190B4D42L;

    private static final int INITIAL_CAPACITY = 256;
    // Comfortably above the largest capsule we ever hold (16 header bytes + 1028 value bytes), so a
    // buffer grown by one big feed() shrinks back once the complete capsules have been taken out.
    private static final int RETAINED_CAPACITY = 2048;
    /** Tells next() that the type is skipped rather than interpreted. */
    private static final int UNKNOWN = -1;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int start;
    private int end;
    /** Header of the unknown capsule being skipped, or skipped but not yet returned. */
    private UnknownCapsule skipped;
    /** Value bytes of {@link #skipped} still to be discarded. */
    private long skipRemaining;
    private WireException failure;

    /**
     * Takes all remaining bytes of {@code data} (advancing its position to its limit). Bytes that
     * belong to an unknown capsule's value are dropped at once; the rest are copied, so the caller
     * may reuse {@code data} afterwards.
     */
    public void feed(ByteBuffer data) {
        if (failure != null) {
            data.position(data.limit());
            return;
        }
        if (skipRemaining > 0) {
            int drop = (int) Math.min(skipRemaining, data.remaining());
            data.position(data.position() + drop);
            skipRemaining -= drop;
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        makeRoom(n);
        data.get(buf, end, n);
        end += n;
    }

    /**
     * The next complete capsule, or {@code null} if more bytes are needed. Unknown capsule types
     * come back as {@link UnknownCapsule} once their whole value has been skipped.
     *
     * @throws WireException {@link ErrorCodes#H3_MESSAGE_ERROR} for a malformed capsule or one that
     *     is not allowed over HTTP/3; {@link ErrorCodes#WT_FLOW_CONTROL_ERROR} for a stream limit
     *     above 2^60
     */
    public Capsule next() throws WireException {
        if (failure != null) {
            throw new WireException(failure.errorCode(), failure.getMessage());
        }
        if (skipped != null) {
            return skipRemaining > 0 ? null : takeSkipped();
        }
        try {
            Capsule capsule = parse();
            if (capsule == null) {
                settle();
            }
            return capsule;
        } catch (WireException e) {
            failure = e;
            buf = new byte[0];
            start = 0;
            end = 0;
            throw e;
        }
    }

    /**
     * Whether every byte fed so far belongs to capsules already returned by {@link #next()}, i.e.
     * the stream could end here cleanly.
     */
    public boolean isIdle() {
        return failure == null && skipped == null && start == end;
    }

    /** Bytes held in memory waiting to be parsed (skipped values never count). */
    public long bufferedBytes() {
        return end - start;
    }

    private Capsule parse() throws WireException {
        // Decode the header in place; nothing is consumed until a decision can be made.
        ByteBuffer view = ByteBuffer.wrap(buf, start, end - start);
        long type = VarInt.read(view);
        if (type == VarInt.INCOMPLETE) {
            return null;
        }
        long length = VarInt.read(view);
        if (length == VarInt.INCOMPLETE) {
            return null;
        }
        int max = maxValueLength(type);
        if (max == UNKNOWN) {
            startSkipping(type, length, view.position());
            return skipRemaining > 0 ? null : takeSkipped();
        }
        if (length > max) {
            throw new WireException(ErrorCodes.H3_MESSAGE_ERROR, "capsule 0x" + Long.toHexString(type)
                    + " declares a " + length + "-byte value, at most " + max + " is allowed");
        }
        if (view.remaining() < length) {
            return null;
        }
        ByteBuffer value = view.slice(view.position(), (int) length);
        Capsule capsule = decode(type, value);
        start = view.position() + (int) length;
        return capsule;
    }

    /** Largest legal value length of an interpreted type, or {@link #UNKNOWN} to skip it. */
    private static int maxValueLength(long type) throws WireException {
        if (type == CloseSessionCapsule.TYPE) {
            return CloseSessionCapsule.MAX_VALUE_LENGTH;
        }
        if (type == DrainSessionCapsule.TYPE) {
            return 0;
        }
        if (type == MaxDataCapsule.TYPE || type == DataBlockedCapsule.TYPE
                || type == MaxStreamsCapsule.TYPE_BIDI || type == MaxStreamsCapsule.TYPE_UNI
                || type == StreamsBlockedCapsule.TYPE_BIDI || type == StreamsBlockedCapsule.TYPE_UNI) {
            return VarIntCapsules.MAX_VALUE_LENGTH;
        }
        if (type == WT_MAX_STREAM_DATA_TYPE || type == WT_STREAM_DATA_BLOCKED_TYPE) {
            // draft-16 makes receiving these over HTTP/3 a session error without naming a code. We
            // use H3_MESSAGE_ERROR, the code for every other malformed capsule stream, because the
            // flaw is in framing, not in flow-control accounting (WT_FLOW_CONTROL_ERROR).
            throw new WireException(ErrorCodes.H3_MESSAGE_ERROR, "capsule 0x" + Long.toHexString(type)
                    + " (per-stream flow control) exists only in WebTransport over HTTP/2");
        }
        return UNKNOWN;
    }

    private static Capsule decode(long type, ByteBuffer value) throws WireException {
        if (type == CloseSessionCapsule.TYPE) {
            return decodeClose(value);
        }
        if (type == DrainSessionCapsule.TYPE) {
            return new DrainSessionCapsule();
        }
        long v = varIntValue(type, value);
        if (type == MaxDataCapsule.TYPE) {
            return new MaxDataCapsule(v);
        }
        if (type == DataBlockedCapsule.TYPE) {
            return new DataBlockedCapsule(v);
        }
        if (v > MaxStreamsCapsule.MAX_STREAMS) {
            throw new WireException(ErrorCodes.WT_FLOW_CONTROL_ERROR, "capsule 0x" + Long.toHexString(type)
                    + " carries stream count " + v + ", above the 2^60 limit");
        }
        if (type == MaxStreamsCapsule.TYPE_BIDI || type == MaxStreamsCapsule.TYPE_UNI) {
            return new MaxStreamsCapsule(type == MaxStreamsCapsule.TYPE_BIDI, v);
        }
        return new StreamsBlockedCapsule(type == StreamsBlockedCapsule.TYPE_BIDI, v);
    }

    private static CloseSessionCapsule decodeClose(ByteBuffer value) throws WireException {
        if (value.remaining() < 4) {
            throw new WireException(ErrorCodes.H3_MESSAGE_ERROR,
                    "WT_CLOSE_SESSION value is " + value.remaining() + " bytes, shorter than its 4-byte error code");
        }
        long code = value.getInt() & 0xffffffffL; // the view is big-endian, as on the wire
        String message;
        try {
            // A fresh decoder each time: they are stateful, and close capsules are rare.
            message = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(value)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WireException(ErrorCodes.H3_MESSAGE_ERROR, "WT_CLOSE_SESSION message is not valid UTF-8");
        }
        return new CloseSessionCapsule(code, message);
    }

    /** The single varint that must exactly fill a flow-control capsule's value. */
    private static long varIntValue(long type, ByteBuffer value) throws WireException {
        long v = VarInt.read(value);
        if (v == VarInt.INCOMPLETE) {
            throw new WireException(ErrorCodes.H3_MESSAGE_ERROR, "capsule 0x" + Long.toHexString(type)
                    + " value ends inside its varint");
        }
        if (value.hasRemaining()) {
            throw new WireException(ErrorCodes.H3_MESSAGE_ERROR, "capsule 0x" + Long.toHexString(type)
                    + " value has " + value.remaining() + " bytes after its varint");
        }
        return v;
    }

    /** Consumes an unknown capsule's header and whatever part of its value is already buffered. */
    private void startSkipping(long type, long length, int valueStart) {
        skipped = new UnknownCapsule(type, length);
        start = valueStart;
        int drop = (int) Math.min(length, end - start);
        start += drop;
        skipRemaining = length - drop;
        if (skipRemaining > 0) {
            settle(); // the buffer is empty now; don't keep a big array around while skipping
        }
    }

    private UnknownCapsule takeSkipped() {
        UnknownCapsule done = skipped;
        skipped = null;
        return done;
    }

    /** Ensures {@code n} more bytes fit after {@code end}, compacting first and growing if needed. */
    private void makeRoom(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int held = end - start;
        long needed = (long) held + n;
        if (needed > Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("capsule buffer would exceed the maximum array size");
        }
        byte[] target = needed <= buf.length ? buf
                : new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * buf.length))];
        System.arraycopy(buf, start, target, 0, held);
        buf = target;
        start = 0;
        end = held;
    }

    /** Called once the caller has taken all complete capsules: rewind and give back a grown array. */
    private void settle() {
        int held = end - start;
        if (buf.length > RETAINED_CAPACITY && held <= RETAINED_CAPACITY) {
            buf = Arrays.copyOfRange(buf, start, start + RETAINED_CAPACITY);
            start = 0;
            end = held;
        } else if (held == 0) {
            start = 0;
            end = 0;
        }
    }
}
