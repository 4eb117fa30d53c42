package net.webtransport.internal.wire;

import java.nio.ByteBuffer;

/**
 * A capsule (RFC 9297 §3.2): Type (varint), Length (varint), Value. WebTransport over HTTP/3
 * carries them in the body of the CONNECT stream (draft-ietf-webtrans-http3-16, "Session
 * Termination", "Flow Control Capsules"); {@link CapsuleParser} reads them.
 */
public sealed interface Capsule permits CloseSessionCapsule, DrainSessionCapsule, MaxDataCapsule,
        MaxStreamsCapsule, DataBlockedCapsule, StreamsBlockedCapsule, UnknownCapsule {

    /** The capsule type. */
    long type();

    /** Bytes {@link #writeTo} produces: type, length and value. */
    int encodedLength();

    /** Writes type, length and value. */
    void writeTo(ByteBuffer out);

    /** The whole capsule in a new buffer, flipped and ready to read. */
    default ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(encodedLength());
        writeTo(out);
        return out.flip();
    }
}
