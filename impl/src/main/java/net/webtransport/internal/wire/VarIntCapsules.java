package net.webtransport.internal.wire;

import java.nio.ByteBuffer;

/** Layout shared by the flow-control capsules, whose value is a single varint (draft-ietf-webtrans-http3-16, "Flow Control Capsules"). */
final class VarIntCapsules {

    /** Longest value a varint-valued capsule can legitimately have. */
    static final int MAX_VALUE_LENGTH = 8;

    private VarIntCapsules() {
    }

    static int encodedLength(long type, long value) {
        int valueLength = VarInt.size(value);
        return VarInt.size(type) + VarInt.size(valueLength) + valueLength;
    }

    static void write(ByteBuffer out, long type, long value) {
        VarInt.write(out, type);
        VarInt.write(out, VarInt.size(value));
        VarInt.write(out, value);
    }

    static void checkValue(String what, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " out of range 0.." + max + ": " + value);
        }
    }
}
