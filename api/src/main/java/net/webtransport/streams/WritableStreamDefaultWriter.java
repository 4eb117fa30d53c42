package net.webtransport.streams;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.webtransport.TypeError;

/**
 * A WHATWG <a href="https://streams.spec.whatwg.org/#default-writer-class">WritableStreamDefaultWriter</a>:
 * holds its stream's lock and writes to it; {@link #ready()} waits while the stream has no room.
 * Its futures complete on the stream's executor.
 *
 * @param <T> the type of the chunks
 */
public class WritableStreamDefaultWriter<T> {
    private final WritableStream<T> stream;
    /** Guarded by the stream's monitor, as is whether it is (or is about to be) resolved. */
    private CompletableFuture<Void> ready;
    private boolean readySettled;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Set by releaseLock: from then on closed() fails with it, settled before or not (WHATWG). */
    private volatile TypeError releasedError;
    private boolean released;

    /**
     * {@code new WritableStreamDefaultWriter(stream)}: locks {@code stream} to this writer.
     *
     * @param stream the stream to write to
     * @throws TypeError if the stream is locked already
     */
    public WritableStreamDefaultWriter(WritableStream<T> stream) {
        this.stream = stream;
        synchronized (stream) {
            if (stream.writer != null) {
                throw new TypeError("the stream is locked to a writer");
            }
            stream.writer = this;
            ready = new CompletableFuture<>();
            readySettled = true;
            switch (stream.state) {
                case WRITABLE -> {
                    if (!stream.backpressure) {
                        ready.complete(null);
                    } else {
                        readySettled = false;
                    }
                }
                case CLOSED -> {
                    ready.complete(null);
                    closed.complete(null);
                }
                case ERRORING, ERRORED -> {
                    ready.completeExceptionally(stream.storedError);
                    if (stream.state == WritableStream.State.ERRORED) {
                        closed.completeExceptionally(stream.storedError);
                    }
                }
            }
        }
    }

    /**
     * Writes a chunk. The write does not wait for room: callers that respect backpressure wait
     * for {@link #ready()} first.
     *
     * @param chunk the chunk to write
     * @return completes once the sink took the chunk; fails with a {@link TypeError} if this writer
     *         released its lock or the stream is closing or closed, with the stored error if the stream
     *         errored, or with the sink's failure
     */
    public CompletableFuture<Void> write(T chunk) {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the writer released its lock"));
            }
        }
        return stream.write(chunk, false);
    }

    /**
     * Writes a chunk the sink may refuse whole (see {@link UnderlyingSink#writeAtomic}); for
     * subclasses that offer such writes, as WebTransport's writer does.
     *
     * @param chunk the chunk to write whole or not at all
     * @return completes once the sink took the chunk; fails with an {@link net.webtransport.AbortError}
     *         if it was refused, and otherwise as {@link #write} does
     */
    protected final CompletableFuture<Void> writeAtomic(T chunk) {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the writer released its lock"));
            }
        }
        return stream.write(chunk, true);
    }

    /**
     * Whether this writer gave its lock back.
     *
     * @return true after {@link #releaseLock()}
     */
    protected final boolean released() {
        synchronized (stream) {
            return released;
        }
    }

    /**
     * Closes the stream once every written chunk reached the sink (see {@link WritableStream#close()}).
     *
     * @return completes once the sink closed; fails with a {@link TypeError} if this writer released
     *         its lock or the stream is closing or closed, with the stored error if the stream errored,
     *         or with the failure of the sink's close
     */
    public CompletableFuture<Void> close() {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the writer released its lock"));
            }
        }
        return stream.closeInternal();
    }

    /**
     * Aborts the stream: queued chunks are dropped and the sink hears {@code reason} (see
     * {@link WritableStream#abort(Object)}).
     *
     * @param reason why, passed to the sink (may be null)
     * @return completes once the sink's abort finished; fails with a {@link TypeError} if this writer
     *         released its lock, or with the failure of the sink's abort
     */
    public CompletableFuture<Void> abort(Object reason) {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the writer released its lock"));
            }
        }
        return stream.abortInternal(reason);
    }

    /**
     * Waits for room in the stream (desiredSize above 0), or for a close request, which ends the wait.
     *
     * @return completes when there is room; fails with the stream's error if it errors, or with a
     *         {@link TypeError} once this writer released its lock
     */
    public CompletableFuture<Void> ready() {
        synchronized (stream) {
            return ready.copy();
        }
    }

    /**
     * Waits for the stream to close.
     *
     * @return completes when the stream closed; fails with the stream's error if it errors, or with
     *         a {@link TypeError} once the lock was released (even if the stream had closed before)
     */
    public CompletableFuture<Void> closed() {
        TypeError released = releasedError;
        return released != null ? stream.executor.failed(released) : closed.copy();
    }

    /**
     * The room left in the stream: the high-water mark minus the size of the chunks the sink has
     * not taken yet.
     *
     * @return the desired size; null once the stream is erroring or errored, 0 once closed
     * @throws TypeError if this writer released its lock
     */
    public Double desiredSize() {
        synchronized (stream) {
            if (released) {
                throw new TypeError("the writer released its lock");
            }
        }
        return stream.desiredSize();
    }

    /**
     * Gives the lock back, so another writer may take it; the stream itself is unaffected. Then
     * {@link #ready()} fails with a {@link TypeError}, and so does {@link #closed()}. Calling it again
     * does nothing.
     */
    public void releaseLock() {
        TypeError error = new TypeError("the writer released its lock");
        synchronized (stream) {
            if (released) {
                return;
            }
            released = true;
            releasedError = error;
            stream.writer = null;
            if (readySettled) {
                ready = CompletableFuture.failedFuture(error);
            } else {
                CompletableFuture<Void> waiting = ready;
                stream.executor.execute(() -> waiting.completeExceptionally(error));
            }
            readySettled = true;
        }
        stream.executor.execute(() -> closed.completeExceptionally(error));
    }

    // ------------------------------------------------------------------ from the stream, under its monitor

    void onBackpressure() {
        if (readySettled) {
            ready = new CompletableFuture<>();
            readySettled = false;
        }
    }

    void onReady(List<Runnable> effects) {
        if (!readySettled) {
            readySettled = true;
            CompletableFuture<Void> waiting = ready;
            effects.add(() -> waiting.complete(null));
        }
    }

    void onErroring(Throwable error, List<Runnable> effects) {
        if (readySettled) {
            ready = new CompletableFuture<>();
        }
        readySettled = true;
        CompletableFuture<Void> r = ready;
        effects.add(() -> r.completeExceptionally(error));
    }

    void onErrored(Throwable error, List<Runnable> effects) {
        effects.add(() -> closed.completeExceptionally(error));
    }

    void onClosed(List<Runnable> effects) {
        effects.add(() -> closed.complete(null));
    }
}
