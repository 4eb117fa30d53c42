package net.webtransport.streams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.webtransport.TypeError;

/**
 * A WHATWG <a href="https://streams.spec.whatwg.org/#default-reader-class">ReadableStreamDefaultReader</a>:
 * holds its stream's lock and reads it chunk by chunk. Get one with {@link ReadableStream#getReader()};
 * its futures complete on the stream's executor.
 *
 * @param <T> the type of the chunks
 */
public final class ReadableStreamDefaultReader<T> {
    private final ReadableStream<T> stream;
    /** Reads waiting for a chunk, oldest first; guarded by the stream's monitor. */
    final ArrayDeque<CompletableFuture<ReadResult<T>>> readRequests = new ArrayDeque<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Set by releaseLock: from then on closed() fails with it, settled before or not (WHATWG). */
    private volatile TypeError releasedError;
    private boolean released;

    ReadableStreamDefaultReader(ReadableStream<T> stream) {
        this.stream = stream;
        List<Runnable> effects = new ArrayList<>();
        synchronized (stream) {
            switch (stream.state()) {
                case CLOSED -> effects.add(() -> closed.complete(null));
                case ERRORED -> {
                    Throwable e = stream.storedError();
                    effects.add(() -> closed.completeExceptionally(e));
                }
                case READABLE -> {
                }
            }
        }
        stream.run(effects);
    }

    /**
     * Reads the next chunk. Reads made while nothing is queued wait, and are served in order.
     *
     * @return the next chunk, or a result with {@code done} once the stream closed; fails with the
     *         stream's error if it errored, or with a {@link TypeError} if the lock was released
     */
    public CompletableFuture<ReadResult<T>> read() {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the reader released its lock"));
            }
        }
        return stream.read(this);
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
     * Cancels the stream through this reader (see {@link ReadableStream#cancel(Object)}); waiting
     * reads complete with {@code done}.
     *
     * @param reason why, passed to the source (may be null)
     * @return completes once the source's cancel finished; fails with a {@link TypeError} if this
     *         reader released its lock, with the stored error if the stream errored, or with the
     *         failure of the source's cancel
     */
    public CompletableFuture<Void> cancel(Object reason) {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the reader released its lock"));
            }
        }
        return stream.cancelInternal(reason);
    }

    /**
     * Gives the stream's lock back, so another reader may take it; queued chunks stay in the stream.
     * Waiting reads fail with a {@link TypeError}, and so does {@link #closed()} from then on.
     * Calling it again does nothing.
     */
    public void releaseLock() {
        List<Runnable> effects = new ArrayList<>();
        synchronized (stream) {
            if (released) {
                return;
            }
            released = true;
            stream.reader = null;
            TypeError error = new TypeError("the reader released its lock");
            releasedError = error;
            drainRequests(r -> r.completeExceptionally(error), effects);
            effects.add(() -> closed.completeExceptionally(error));
        }
        stream.run(effects);
    }

    /** The stream closed: waiting reads end. Under the stream's monitor. */
    void onClosed(List<Runnable> effects) {
        drainRequests(r -> r.complete(ReadResult.end()), effects);
        effects.add(() -> closed.complete(null));
    }

    /** The stream errored. Under the stream's monitor. */
    void onErrored(Throwable error, List<Runnable> effects) {
        drainRequests(r -> r.completeExceptionally(error), effects);
        effects.add(() -> closed.completeExceptionally(error));
    }

    private void drainRequests(java.util.function.Consumer<CompletableFuture<ReadResult<T>>> settle, List<Runnable> effects) {
        List<CompletableFuture<ReadResult<T>>> waiting = new ArrayList<>(readRequests);
        readRequests.clear();
        for (CompletableFuture<ReadResult<T>> r : waiting) {
            effects.add(() -> settle.accept(r));
        }
    }
}
