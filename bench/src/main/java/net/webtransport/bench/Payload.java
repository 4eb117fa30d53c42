package net.webtransport.bench;

import java.util.Random;

/** The bytes the throughput runs send: one pseudo-random chunk, sent again and again. */
final class Payload {
    private Payload() {
    }

    static byte[] chunk() {
        byte[] b = new byte[Settings.CHUNK];
        new Random(42).nextBytes(b);
        return b;
    }
}
