package net.webtransport.bench;

import java.util.zip.CRC32;

/** What an echo of {@code total} bytes of the payload must bring back: the count and the CRC-32 of the chunks. */
final class EchoCheck {
    private EchoCheck() {
    }

    static void verify(long count, long crc, long total) {
        if (count != total) {
            throw new IllegalStateException("the echo brought back " + count + " of " + total + " bytes");
        }
        CRC32 expected = new CRC32();
        byte[] chunk = Payload.chunk();
        for (long off = 0; off < total; off += chunk.length) {
            expected.update(chunk);
        }
        if (expected.getValue() != crc) {
            throw new IllegalStateException("the echo's CRC-32 does not match what was sent");
        }
    }
}
