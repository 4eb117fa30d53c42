package net.webtransport.internal.wire;

import java.nio.ByteBuffer;

/**
 * WT_MAX_DATA (draft-ietf-webtrans-http3-16, "Flow Control Capsules"): the cumulative number of
 * stream body bytes the peer may send in the session. Value: one varint.
 */
public record MaxDataCapsule(long maximumData) implements Capsule {

    public static final long TYPE = 0x190B4D3DL;

    public MaxDataCapsule {
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
