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

    /**
     * A byte stream whose BYOB reads take the next bytes across chunk boundaries.
     *
     * @param source   where the chunks come from; its {@code start} is called here
     * @param strategy how much to queue before the source is no longer pulled
     * @param executor where this stream completes its futures
     * @throws NullPointerException if {@code source}, {@code strategy} or {@code executor} is null
     */
    public ReadableByteStream(UnderlyingSource<byte[]> source, QueuingStrategy<? super byte[]> strategy, Executor executor) {
        this(source, strategy, executor, false);
    }

    /**
     * A byte stream whose BYOB reads take either the next bytes or one whole chunk.
     *
     * @param source      where the chunks come from; its {@code start} is called here
     * @param strategy    how much to queue before the source is no longer pulled
     * @param executor    where this stream completes its futures
     * @param wholeChunks whether a BYOB read takes exactly one whole chunk (a message)
     * @throws NullPointerException if {@code source}, {@code strategy} or {@code executor} is null
     */
    public ReadableByteStream(UnderlyingSource<byte[]> source, QueuingStrategy<? super byte[]> strategy, Executor executor,
            boolean wholeChunks) {
        super(source, strategy, executor);
        this.wholeChunks = wholeChunks;
    }

    /**
     * A reader that fills the caller's buffers ({@code getReader({mode: "byob"})}).
     *
     * @return a reader holding the stream's lock
     * @throws net.webtransport.TypeError if the stream is locked
     */
    public ReadableStreamBYOBReader getBYOBReader() {
        return new ReadableStreamBYOBReader(this, wholeChunks);
    }
}
