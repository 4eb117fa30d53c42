package net.webtransport.internal.stream;

/**
 * A run of stream bytes held by the stream layer, which counts and orders them without knowing
 * where they live: the Netty binding wraps its pooled buffers, unit tests wrap heap buffers. A chunk
 * is owned by whoever holds it last and must be released exactly once.
 */
public interface Chunk {

    /** Bytes left in this chunk. */
    int length();

    /** Splits off the first {@code n} bytes (0 &lt; n &lt; length) as a chunk of their own; this one keeps the rest. */
    Chunk splitFirst(int n);

    /** Gives the bytes back to where they came from; the chunk is unusable afterwards. */
    void release();
}
