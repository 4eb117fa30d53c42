package net.webtransport.streams;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A WHATWG <a href="https://streams.spec.whatwg.org/#byob-reader-class">ReadableStreamBYOBReader</a>
 * for a stream of byte chunks: each read fills the caller's buffer with the next bytes (as many
 * as are there, at least one unless the stream ended), keeping what did not fit for the next read.
 * It holds the stream's lock like a default reader. Over a stream of messages (see
 * {@link ReadableByteStream}) each read takes one whole chunk.
 */
public final class ReadableStreamBYOBReader {
    private final ReadableStream<byte[]> stream;
    private final ReadableStreamDefaultReader<byte[]> chunks;
    /** One read takes one whole chunk; a chunk larger than the buffer errors the stream. */
    private final boolean wholeChunks;
    /** Bytes of the last chunk that did not fit; only touched by one read at a time. */
    private ByteBuffer leftover = ByteBuffer.allocate(0);
    private CompletableFuture<ReadResult<ByteBuffer>> previous = CompletableFuture.completedFuture(null);

    ReadableStreamBYOBReader(ReadableStream<byte[]> stream, boolean wholeChunks) {
        this.stream = stream;
        this.chunks = stream.getReader();
        this.wholeChunks = wholeChunks;
    }

    /**
     * Reads into {@code view} (from its position to its limit): completes with the view, flipped to
     * the bytes read, or with {@code done} (an empty view) once the stream ended. Reads queue up and
     * complete in order, on the stream's executor.
     *
     * <p>A read fails with the stream's error; with a {@link net.webtransport.TypeError} if
     * {@code view} has no room or the reader released its lock (the WHATWG read rejects rather than
     * throws); over a stream of messages, with a {@link net.webtransport.RangeError} when the next
     * message does not fit {@code view} (the stream is errored with it too).
     *
     * @param view the buffer to fill
     * @return the view holding the bytes read, or {@code done} with an empty view at the end
     */
    public synchronized CompletableFuture<ReadResult<ByteBuffer>> read(ByteBuffer view) {
        if (!view.hasRemaining()) {
            return stream.failed(new net.webtransport.TypeError("a BYOB read needs a view with room"));
        }
        CompletableFuture<ReadResult<ByteBuffer>> filled = previous.handle((v, e) -> null).thenCompose(v -> fill(view));
        previous = filled;
        // Completed on the stream's executor with the bare error, as every future of this package:
        // a read served from leftover bytes would otherwise complete on the caller's thread.
        CompletableFuture<ReadResult<ByteBuffer>> result = new CompletableFuture<>();
        filled.whenComplete((r, e) -> stream.executor.execute(() -> {
            if (e != null) {
                result.completeExceptionally(Pipes.unwrap(e));
            } else {
                result.complete(r);
            }
        }));
        return result;
    }

    private CompletableFuture<ReadResult<ByteBuffer>> fill(ByteBuffer view) {
        if (leftover.hasRemaining()) {
            return CompletableFuture.completedFuture(new ReadResult<>(take(view), false));
        }
        return chunks.read().thenApply(r -> {
            if (r.done()) {
                return new ReadResult<>(view.flip().limit(0), true);
            }
            if (wholeChunks && r.value().length > view.remaining()) {
                net.webtransport.RangeError tooSmall = new net.webtransport.RangeError("a message of " + r.value().length
                        + " bytes does not fit a view of " + view.remaining());
                stream.error(tooSmall);
                throw tooSmall;
            }
            leftover = ByteBuffer.wrap(r.value());
            return new ReadResult<>(take(view), false);
        });
    }

    /** Moves what fits from the leftover into the view and flips the view to it. */
    private ByteBuffer take(ByteBuffer view) {
        int start = view.position();
        int n = Math.min(view.remaining(), leftover.remaining());
        ByteBuffer slice = leftover.slice(leftover.position(), n);
        view.put(slice);
        leftover.position(leftover.position() + n);
        return view.flip().position(start);
    }

    /**
     * Waits for the stream to close.
     *
     * @return completes when the stream closed; fails with the stream's error if it errors, or with
     *         a {@link net.webtransport.TypeError} if the lock is released first
     */
    public CompletableFuture<Void> closed() {
        return chunks.closed();
    }

    /**
     * Cancels the stream through this reader (see {@link ReadableStream#cancel(Object)}).
     *
     * @param reason why, passed to the source (may be null)
     * @return completes once the source's cancel finished; fails as
     *         {@link ReadableStreamDefaultReader#cancel(Object)} does
     */
    public CompletableFuture<Void> cancel(Object reason) {
        return chunks.cancel(reason);
    }

    /** Gives the stream's lock back; bytes kept from a chunk are dropped. */
    public synchronized void releaseLock() {
        leftover = ByteBuffer.allocate(0);
        chunks.releaseLock();
    }
}
