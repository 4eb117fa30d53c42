package net.webtransport.internal.wire;

import java.nio.ByteBuffer;

/**
 * WT_DATA_BLOCKED (draft-ietf-webtrans-http3-16, "Flow Control Capsules"): the sender wanted to
 * send more but was held at this session data limit. Value: one varint.
 */
public record DataBlockedCapsule(long maximumData) implements Capsule {

    public static final long TYPE = 0x190B4D41L;

    public DataBlockedCapsule {
        VarIntCapsules.checkValue("maximumData", maximumData, VarInt.MAX_VALUE);
    }

    @Override
    public long type() {
        return TYPE;
    }

    @Override
    public int encodedLength() {
        return VarIntCapsules.encodedLength(TYPE, maximumData);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        VarIntCapsules.write(out, TYPE, maximumData);
    }
}
