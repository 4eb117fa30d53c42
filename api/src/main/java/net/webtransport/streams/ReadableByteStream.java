package net.webtransport.streams;

import java.util.concurrent.Executor;

/**
 * A readable stream of byte chunks that also gives BYOB readers (a WHATWG readable byte stream:
 * {@code getReader({mode: "byob"})} is {@link #getBYOBReader()}).
 *
 * <p>By default a BYOB read takes as many of the next bytes as fit, across chunk boundaries. A
 * stream of messages (W3C datagrams with {@code datagramsReadableType: "bytes"}) keeps each chunk
 * whole instead: one read takes one chunk, and a chunk larger than the reader's buffer errors the
 * stream with a {@link net.webtransport.RangeError}, as the W3C {@code pullDatagrams} does.
 */
public class ReadableByteStream extends ReadableStream<byte[]> {
    private final boolean wholeChunks;

    /** A byte stream whose BYOB reads take the next bytes across chunk boundaries. */
    public ReadableByteStream(UnderlyingSource<byte[]> source, QueuingStrategy<? super byte[]> strategy, Executor executor) {
        this(source, strategy, executor, false);
    }

    /** @param wholeChunks whether a BYOB read takes exactly one whole chunk (a message) */
    public ReadableByteStream(UnderlyingSource<byte[]> source, QueuingStrategy<? super byte[]> strategy, Executor executor,
            boolean wholeChunks) {
        super(source, strategy, executor);
        this.wholeChunks = wholeChunks;
    }

    /**
     * A reader that fills the caller's buffers ({@code getReader({mode: "byob"})}).
     *
     * @throws net.webtransport.TypeError if the stream is locked
     */
    public ReadableStreamBYOBReader getBYOBReader() {
        return new ReadableStreamBYOBReader(this, wholeChunks);
    }
}
