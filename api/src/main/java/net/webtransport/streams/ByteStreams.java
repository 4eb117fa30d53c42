package net.webtransport.streams;

/** Access to BYOB readers for readable streams of byte chunks (WHATWG readable byte streams). */
public final class ByteStreams {
    private ByteStreams() {
    }

    /**
     * A BYOB reader over {@code stream}, which must carry byte chunks. For a
     * {@link ReadableByteStream} this is its {@link ReadableByteStream#getBYOBReader()}; any other
     * stream gets a reader whose reads take bytes across chunk boundaries.
     *
     * @param stream the stream to read; the reader locks it
     * @return a reader holding the stream's lock
     * @throws net.webtransport.TypeError if the stream is locked
     */
    public static ReadableStreamBYOBReader byobReader(ReadableStream<byte[]> stream) {
        return stream instanceof ReadableByteStream bytes ? bytes.getBYOBReader() : new ReadableStreamBYOBReader(stream, false);
    }
}
