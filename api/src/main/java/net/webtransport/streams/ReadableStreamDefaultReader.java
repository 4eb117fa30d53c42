package net.webtransport.streams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.webtransport.TypeError;

/**
 * A WHATWG <a href="https://streams.spec.whatwg.org/#default-reader-class">ReadableStreamDefaultReader</a>:
 * holds its stream's lock and reads it chunk by chunk.
 */
public final class ReadableStreamDefaultReader<T> {
    private final ReadableStream<T> stream;
    /** Reads waiting for a chunk, oldest first; guarded by the stream's monitor. */
    final ArrayDeque<CompletableFuture<ReadResult<T>>> readRequests = new ArrayDeque<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
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

    /** The next chunk, or {@code done} once the stream closed; fails if the stream errored or the lock was released. */
    public CompletableFuture<ReadResult<T>> read() {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the reader released its lock"));
            }
        }
        return stream.read(this);
    }

    /** Completes when the stream closes; fails if it errors or the lock is released first. */
    public CompletableFuture<Void> closed() {
        return closed.copy();
    }

    /** Cancels the stream through this reader. */
    public CompletableFuture<Void> cancel(Object reason) {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the reader released its lock"));
            }
        }
        return stream.cancelInternal(reason);
    }

    /** Gives the stream's lock back: waiting reads and {@link #closed()} fail with a TypeError. */
    public void releaseLock() {
        List<Runnable> effects = new ArrayList<>();
        synchronized (stream) {
            if (released) {
                return;
            }
            released = true;
            stream.reader = null;
            TypeError error = new TypeError("the reader released its lock");
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
