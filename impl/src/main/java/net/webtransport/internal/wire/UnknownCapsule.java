package net.webtransport.internal.wire;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * A capsule of a type this implementation does not interpret, which RFC 9297 §3.2 says to skip.
 * Only the header is recorded; {@link CapsuleParser} discards the value without buffering it.
 *
 * <p>Encoding one writes {@code length} zero bytes as the value, which is enough for sending grease
 * capsules (reserved types 0x29 * N + 0x17, RFC 9297).
 *
 * @param type the capsule type
 * @param length the declared value length
 */
public record UnknownCapsule(long type, long length) implements Capsule {

    public UnknownCapsule {
        VarIntCapsules.checkValue("type", type, VarInt.MAX_VALUE);
        VarIntCapsules.checkValue("length", length, VarInt.MAX_VALUE);
    }

    /**
     * {@inheritDoc}
     *
     * @throws ArithmeticException if the capsule is too long to encode into one buffer
     */
    @Override
    public int encodedLength() {
        return Math.toIntExact(VarInt.size(type) + VarInt.size(length) + length);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        int total = encodedLength();
        if (out.remaining() < total) {
            throw new BufferOverflowException();
        }
        VarInt.write(out, type);
        VarInt.write(out, length);
        for (long i = 0; i < length; i++) {
            out.put((byte) 0);
        }
    }
}
