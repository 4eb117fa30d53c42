package net.webtransport.streams;

/** Access to BYOB readers for readable streams of byte chunks (WHATWG readable byte streams). */
public final class ByteStreams {
    private ByteStreams() {
    }

    /**
     * A BYOB reader over {@code stream}, which must carry byte chunks.
     *
     * @throws net.webtransport.TypeError if the stream is locked
     */
    public static ReadableStreamBYOBReader byobReader(ReadableStream<byte[]> stream) {
        return stream instanceof ReadableByteStream bytes ? bytes.getBYOBReader() : new ReadableStreamBYOBReader(stream, false);
    }
}
