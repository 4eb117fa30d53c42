package net.webtransport.streams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import net.webtransport.TypeError;

/**
 * A WHATWG <a href="https://streams.spec.whatwg.org/#rs-class">ReadableStream</a> with a default
 * controller: an {@link UnderlyingSource} feeds it, a {@link ReadableStreamDefaultReader} (one at a
 * time) reads it. The source is pulled while a read waits or the queue is under the high-water mark.
 *
 * <p>Futures returned by the stream and its readers complete on the executor given at construction,
 * one at a time and in the order the stream's state changed.
 *
 * @param <T> the type of the chunks
 */
public class ReadableStream<T> {

    enum State { READABLE, CLOSED, ERRORED }

    private record Queued<T>(T chunk, double size) {
    }

    final OrderedExecutor executor;
    private final UnderlyingSource<T> source;
    private final double highWaterMark;
    private final java.util.function.ToDoubleFunction<? super T> sizeOf;
    private final ArrayDeque<Queued<T>> queue = new ArrayDeque<>();
    private final Controller controller = new Controller();
    private double queueTotalSize;
    private State state = State.READABLE;
    private Throwable storedError;
    private boolean closeRequested;
    private boolean pulling;
    private boolean pullAgain;
    ReadableStreamDefaultReader<T> reader;

    /**
     * Creates the stream and calls the source's {@code start}; then pulls the source if the
     * high-water mark asks for chunks.
     *
     * @param source   where the chunks come from
     * @param strategy how much to queue before the source is no longer pulled
     * @param executor where this stream completes its futures
     * @throws NullPointerException if {@code source}, {@code strategy} or {@code executor} is null
     */
    public ReadableStream(UnderlyingSource<T> source, QueuingStrategy<? super T> strategy, Executor executor) {
        this.source = Objects.requireNonNull(source, "source");
        this.highWaterMark = strategy.highWaterMark();
        this.sizeOf = strategy.size();
        this.executor = new OrderedExecutor(Objects.requireNonNull(executor, "executor"));
        source.start(controller);
        callPullIfNeeded();
    }

    /**
     * Whether a reader holds the stream (WHATWG {@code locked}).
     *
     * @return true while a reader holds the lock
     */
    public synchronized boolean locked() {
        return reader != null;
    }

    /**
     * A reader that holds the stream until {@link ReadableStreamDefaultReader#releaseLock()}.
     *
     * @return the new reader, holding the stream's lock
     * @throws TypeError if the stream is locked already
     */
    public ReadableStreamDefaultReader<T> getReader() {
        synchronized (this) {
            if (reader != null) {
                throw new TypeError("the stream is locked to a reader");
            }
            reader = new ReadableStreamDefaultReader<>(this);
            return reader;
        }
    }

    /**
     * Pipes this stream into {@code destination} (WHATWG {@code pipeTo}): locks both, moves chunks
     * as the destination has room, closes it at the end, aborts it if this stream errors, cancels
     * this stream if the destination errors. Both locks are released at the end.
     *
     * @param destination where the chunks go
     * @return completes when the destination closed; fails with the error that ended the pipe, or with
     *         a {@link TypeError} if either stream is locked already
     */
    public CompletableFuture<Void> pipeTo(WritableStream<T> destination) {
        synchronized (this) {
            if (reader != null) {
                return failed(new TypeError("the stream is locked to a reader"));
            }
        }
        return Pipes.pipe(this, destination);
    }

    /**
     * Cancels the stream (WHATWG {@code cancel}): the consumer is no longer interested, so queued
     * chunks are dropped, the stream is closed and the source's {@code cancel} is called.
     *
     * @param reason why, passed to the source (may be null)
     * @return completes once the source's cancel finished (at once if the stream was closed already);
     *         fails with a {@link TypeError} if the stream is locked, with the stored error if it had
     *         errored, or with the failure of the source's cancel
     */
    public CompletableFuture<Void> cancel(Object reason) {
        synchronized (this) {
            if (reader != null) {
                return failed(new TypeError("a locked stream is cancelled through its reader"));
            }
        }
        return cancelInternal(reason);
    }

    // ------------------------------------------------------------------ for the reader

    /** Errors the stream as its source could (a BYOB reader whose buffer a message does not fit). */
    void error(Throwable error) {
        controller.error(error);
    }

    CompletableFuture<Void> cancelInternal(Object reason) {
        List<Runnable> effects = new ArrayList<>();
        synchronized (this) {
            if (state == State.CLOSED) {
                return completed(null);
            }
            if (state == State.ERRORED) {
                return failed(storedError);
            }
            queue.clear();
            queueTotalSize = 0;
            finishClosing(effects);
        }
        run(effects);
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletionStage<Void> cancelled;
        try {
            cancelled = source.cancel(reason);
        } catch (RuntimeException e) {
            cancelled = CompletableFuture.failedFuture(e);
        }
        cancelled.whenComplete((v, e) -> executor.execute(() -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(null);
            }
        }));
        return done;
    }

    /** A read: a queued chunk, the end, the stored error, or a wait for the source. */
    CompletableFuture<ReadResult<T>> read(ReadableStreamDefaultReader<T> from) {
        CompletableFuture<ReadResult<T>> result = new CompletableFuture<>();
        List<Runnable> effects = new ArrayList<>();
        synchronized (this) {
            if (state == State.CLOSED) {
                effects.add(() -> result.complete(ReadResult.end()));
            } else if (state == State.ERRORED) {
                Throwable error = storedError;
                effects.add(() -> result.completeExceptionally(error));
            } else if (!queue.isEmpty()) {
                Queued<T> next = queue.poll();
                queueTotalSize = Math.max(0, queueTotalSize - next.size());
                effects.add(() -> result.complete(new ReadResult<>(next.chunk(), false)));
                if (closeRequested && queue.isEmpty()) {
                    finishClosing(effects);
                }
            } else {
                from.readRequests.add(result);
            }
        }
        run(effects);
        callPullIfNeeded();
        return result;
    }

    synchronized State state() {
        return state;
    }

    synchronized Throwable storedError() {
        return storedError;
    }

    // ------------------------------------------------------------------ the controller

    private final class Controller implements ReadableStreamController<T> {
        @Override
        public void enqueue(T chunk) {
            // The strategy's size() is the caller's code: it runs before the stream's lock is taken
            // (so also when a waiting read takes the chunk at once, where WHATWG skips it), and a
            // size() that throws errors the stream, then reaches the caller.
            double size;
            try {
                size = sizeOf.applyAsDouble(chunk);
            } catch (RuntimeException e) {
                error(e);
                throw e;
            }
            List<Runnable> effects = new ArrayList<>();
            synchronized (ReadableStream.this) {
                if (closeRequested || state != State.READABLE) {
                    throw new TypeError("the stream is closing or closed");
                }
                CompletableFuture<ReadResult<T>> waiting = reader == null ? null : reader.readRequests.poll();
                if (waiting != null) {
                    effects.add(() -> waiting.complete(new ReadResult<>(chunk, false)));
                } else {
                    queue.add(new Queued<>(chunk, size));
                    queueTotalSize += size;
                }
            }
            run(effects);
            callPullIfNeeded();
        }

        @Override
        public void close() {
            List<Runnable> effects = new ArrayList<>();
            synchronized (ReadableStream.this) {
                if (closeRequested || state != State.READABLE) {
                    throw new TypeError("the stream is closing or closed");
                }
                closeRequested = true;
                if (queue.isEmpty()) {
                    finishClosing(effects);
                }
            }
            run(effects);
        }

        @Override
        public void error(Throwable error) {
            List<Runnable> effects = new ArrayList<>();
            synchronized (ReadableStream.this) {
                if (state != State.READABLE) {
                    return;
                }
                state = State.ERRORED;
                storedError = error;
                queue.clear();
                queueTotalSize = 0;
                if (reader != null) {
                    reader.onErrored(error, effects);
                }
            }
            run(effects);
        }

        @Override
        public Double desiredSize() {
            synchronized (ReadableStream.this) {
                return switch (state) {
                    case ERRORED -> null;
                    case CLOSED -> 0.0;
                    case READABLE -> highWaterMark - queueTotalSize;
                };
            }
        }
    }

    // ------------------------------------------------------------------ internals

    /** Closes the stream: waiting reads end, the reader's closed completes. Under the monitor. */
    private void finishClosing(List<Runnable> effects) {
        state = State.CLOSED;
        if (reader != null) {
            reader.onClosed(effects);
        }
    }

    private void callPullIfNeeded() {
        synchronized (this) {
            boolean wanted = state == State.READABLE && !closeRequested
                    && ((reader != null && !reader.readRequests.isEmpty()) || highWaterMark - queueTotalSize > 0);
            if (!wanted) {
                return;
            }
            if (pulling) {
                pullAgain = true;
                return;
            }
            pulling = true;
        }
        CompletionStage<Void> pulled;
        try {
            pulled = source.pull(controller);
        } catch (RuntimeException e) {
            pulled = CompletableFuture.failedFuture(e);
        }
        pulled.whenComplete((v, e) -> {
            if (e != null) {
                controller.error(e);
                return;
            }
            boolean again;
            synchronized (this) {
                pulling = false;
                again = pullAgain;
                pullAgain = false;
            }
            if (again) {
                callPullIfNeeded();
            }
        });
    }

    void run(List<Runnable> effects) {
        executor.run(effects);
    }

    <V> CompletableFuture<V> completed(V value) {
        return executor.completed(value);
    }

    <V> CompletableFuture<V> failed(Throwable error) {
        return executor.failed(error);
    }
}
