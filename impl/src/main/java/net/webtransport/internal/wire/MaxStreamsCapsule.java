package net.webtransport.internal.wire;

import java.nio.ByteBuffer;

/**
 * WT_MAX_STREAMS (draft-ietf-webtrans-http3-16, "Flow Control Capsules"): the cumulative number of
 * bidirectional or unidirectional streams the peer may open in the session. Value: one varint, at
 * most 2^60 (a larger count could not be expressed in stream IDs, as in RFC 9000 §19.11).
 */
public record MaxStreamsCapsule(boolean bidirectional, long maximumStreams) implements Capsule {

    public static final long TYPE_BIDI = 0x190B4D3FL;
    public static final long TYPE_UNI = 0x190B4D40L;
    /** Largest legal stream count, 2^60. */
    public static final long MAX_STREAMS = 1L << 60;

    public MaxStreamsCapsule {
        VarIntCapsules.checkValue("maximumStreams", maximumStreams, MAX_STREAMS);
    }

    @Override
    public long type() {
        return bidirectional ? TYPE_BIDI : TYPE_UNI;
    }

    @Override
    public int encodedLength() {
        return VarIntCapsules.encodedLength(type(), maximumStreams);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        VarIntCapsules.write(out, type(), maximumStreams);
    }
}
