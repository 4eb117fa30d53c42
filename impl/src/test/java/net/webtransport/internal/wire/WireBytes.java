package net.webtransport.internal.wire;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Byte helpers the wire tests share. */
final class WireBytes {
    private WireBytes() {
    }

    /** The remaining bytes of {@code b}, consumed. */
    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Bytes from a hex string such as {@code "4054"}. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
