package net.webtransport.streams;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.webtransport.TypeError;

/**
 * A WHATWG <a href="https://streams.spec.whatwg.org/#default-writer-class">WritableStreamDefaultWriter</a>:
 * holds its stream's lock and writes to it; {@link #ready()} waits while the stream has no room.
 */
public class WritableStreamDefaultWriter<T> {
    private final WritableStream<T> stream;
    /** Guarded by the stream's monitor, as is whether it is (or is about to be) resolved. */
    private CompletableFuture<Void> ready;
    private boolean readySettled;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private boolean released;

    /**
     * {@code new WritableStreamDefaultWriter(stream)}: locks {@code stream} to this writer.
     *
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

    /** Writes a chunk; completes once the sink took it. */
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
     */
    protected final CompletableFuture<Void> writeAtomic(T chunk) {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the writer released its lock"));
            }
        }
        return stream.write(chunk, true);
    }

    /** Whether this writer gave its lock back. */
    protected final boolean released() {
        synchronized (stream) {
            return released;
        }
    }

    /** Closes the stream once every written chunk reached the sink. */
    public CompletableFuture<Void> close() {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the writer released its lock"));
            }
        }
        return stream.closeInternal();
    }

    /** Aborts the stream: queued chunks are dropped and the sink hears {@code reason}. */
    public CompletableFuture<Void> abort(Object reason) {
        synchronized (stream) {
            if (released) {
                return stream.failed(new TypeError("the writer released its lock"));
            }
        }
        return stream.abortInternal(reason);
    }

    /** Completes when the stream has room (desiredSize above 0); fails if it errors. */
    public CompletableFuture<Void> ready() {
        synchronized (stream) {
            return ready.copy();
        }
    }

    /** Completes when the stream closed; fails if it errors or the lock is released first. */
    public CompletableFuture<Void> closed() {
        return closed.copy();
    }

    /** The room left: the high-water mark minus what is queued; null once errored, 0 once closed. */
    public Double desiredSize() {
        synchronized (stream) {
            if (released) {
                throw new TypeError("the writer released its lock");
            }
        }
        return stream.desiredSize();
    }

    /** Gives the lock back: {@link #ready()} and {@link #closed()} fail with a TypeError. */
    public void releaseLock() {
        TypeError error = new TypeError("the writer released its lock");
        synchronized (stream) {
            if (released) {
                return;
            }
            released = true;
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
