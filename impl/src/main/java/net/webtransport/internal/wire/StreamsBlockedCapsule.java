package net.webtransport.internal.wire;

import java.nio.ByteBuffer;

/**
 * WT_STREAMS_BLOCKED (draft-ietf-webtrans-http3-16, "Flow Control Capsules"): the sender wanted to
 * open a stream but was held at this stream limit. Value: one varint, at most 2^60 like
 * {@link MaxStreamsCapsule} (mirroring RFC 9000 §19.14 STREAMS_BLOCKED).
 */
public record StreamsBlockedCapsule(boolean bidirectional, long maximumStreams) implements Capsule {

    public static final long TYPE_BIDI = 0x190B4D43L;
    public static final long TYPE_UNI = 0x190B4D44L;

    public StreamsBlockedCapsule {
        VarIntCapsules.checkValue("maximumStreams", maximumStreams, MaxStreamsCapsule.MAX_STREAMS);
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
