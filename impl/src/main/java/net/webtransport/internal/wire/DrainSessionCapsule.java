package net.webtransport.internal.wire;

import java.nio.ByteBuffer;

/**
 * WT_DRAIN_SESSION (draft-ietf-webtrans-http3-16, "Session Termination"): asks the peer to wind
 * the session down gracefully. Its value is always empty.
 */
public record DrainSessionCapsule() implements Capsule {

    public static final long TYPE = 0x78ae;

    @Override
    public long type() {
        return TYPE;
    }

    @Override
    public int encodedLength() {
        return VarInt.size(TYPE) + 1;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        VarInt.write(out, TYPE);
        VarInt.write(out, 0);
    }
}
