package net.webtransport.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import net.webtransport.AbortError;
import net.webtransport.TypeError;

/*
 * Over this project's ~400-line aim because the stream's state machine (writable, erroring, errored,
 * closed; the one write or close in flight; a pending abort) is one WHATWG algorithm whose steps call
 * each other and share one monitor. The writer (WritableStreamDefaultWriter) and the queue of writes
 * (WriteQueue) live apart.
 */

/**
 * A WHATWG <a href="https://streams.spec.whatwg.org/#ws-class">WritableStream</a>: a
 * {@link WritableStreamDefaultWriter} (one at a time) writes chunks, which reach the
 * {@link UnderlyingSink} one by one. Chunks count against the high-water mark until the sink has
 * taken them; past it {@code desiredSize} goes to 0 or below and the writer's {@code ready} waits.
 *
 * <p>Futures returned by the stream and its writer complete on the executor given at construction,
 * one at a time and in the order the stream's state changed.
 *
 * @param <T> the type of the chunks
 */
public class WritableStream<T> {

    enum State { WRITABLE, ERRORING, ERRORED, CLOSED }

    final OrderedExecutor executor;
    private final UnderlyingSink<T> sink;
    private final double highWaterMark;
    private final ToDoubleFunction<? super T> sizeOf;
    private final WriteQueue<T> queue = new WriteQueue<>();
    private final WritableStreamController controller = this::errorFromSink;
    State state = State.WRITABLE;
    Throwable storedError;
    private CompletableFuture<Void> closeRequest;
    private boolean inFlightWrite;
    private boolean inFlightClose;
    private CompletableFuture<Void> pendingAbort;
    private Object abortReason;
    boolean backpressure;
    WritableStreamDefaultWriter<T> writer;

    /**
     * Creates the stream and calls the sink's {@code start}.
     *
     * @param sink     where the chunks go
     * @param strategy how much may be queued before the writer's {@code ready} waits
     * @param executor where this stream completes its futures
     * @throws NullPointerException if {@code sink}, {@code strategy} or {@code executor} is null
     */
    public WritableStream(UnderlyingSink<T> sink, QueuingStrategy<? super T> strategy, Executor executor) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.highWaterMark = strategy.highWaterMark();
        this.sizeOf = strategy.size();
        this.executor = new OrderedExecutor(Objects.requireNonNull(executor, "executor"));
        this.backpressure = highWaterMark <= 0;
        sink.start(controller);
    }

    /**
     * Whether a writer holds the stream (WHATWG {@code locked}).
     *
     * @return true while a writer holds the lock
     */
    public synchronized boolean locked() {
        return writer != null;
    }

    /**
     * A writer that holds the stream until {@link WritableStreamDefaultWriter#releaseLock()}.
     *
     * @return the new writer, holding the stream's lock
     * @throws TypeError if the stream is locked already
     */
    public WritableStreamDefaultWriter<T> getWriter() {
        return new WritableStreamDefaultWriter<>(this);
    }

    /**
     * Aborts the stream (WHATWG {@code abort}): the producer gives up, so queued chunks are dropped
     * and their writes fail, the stream errors (with {@code reason} if it is a {@link Throwable},
     * else with an {@link AbortError} carrying it as text) and, once no write is in flight, the
     * sink's {@code abort} is called.
     *
     * @param reason why, passed to the sink (may be null)
     * @return completes once the sink's abort finished (at once if the stream was closed or errored
     *         already); fails with a {@link TypeError} while locked, or with the failure of the sink's
     *         abort
     */
    public CompletableFuture<Void> abort(Object reason) {
        synchronized (this) {
            if (writer != null) {
                return failed(new TypeError("a locked stream is aborted through its writer"));
            }
        }
        return abortInternal(reason);
    }

    /**
     * Closes the stream (WHATWG {@code close}): the sink's {@code close} is called once every queued
     * chunk was taken.
     *
     * @return completes once the sink closed; fails with a {@link TypeError} while locked or if
     *         the stream is closing or closed, with the stored error if it errored, or with the failure
     *         of the sink's close
     */
    public CompletableFuture<Void> close() {
        synchronized (this) {
            if (writer != null) {
                return failed(new TypeError("a locked stream is closed through its writer"));
            }
        }
        return closeInternal();
    }

    /**
     * Closes the stream from its owner's side, as the WHATWG "close a WritableStream" that other
     * specifications use (WebTransport does so to its datagram writables on a clean close): chunks
     * already queued still reach the sink, later writes fail with a {@link TypeError}. Works while a
     * writer holds the lock; does nothing once the stream is closing, closed or errored.
     */
    protected final void closeFromOwner() {
        closeInternal();
    }

    /**
     * Errors the stream from its owner's side, as the WHATWG "error a WritableStream" that other
     * specifications use: queued and later writes fail with {@code error}. Does nothing unless the
     * stream is writable.
     *
     * @param error what the stream's writes and its writer fail with from now on
     */
    protected final void errorFromOwner(Throwable error) {
        errorFromSink(error);
    }

    /**
     * Called once, outside any lock, when the stream reached its final state (closed or errored), so
     * a subclass can let go of what it holds for a live stream. Does nothing by default.
     */
    protected void ended() {
    }

    // ------------------------------------------------------------------ for the writer

    CompletableFuture<Void> write(T chunk, boolean atomic) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<Runnable> effects = new ArrayList<>();
        synchronized (this) {
            if (state == State.ERRORED || state == State.ERRORING) {
                Throwable e = storedError;
                effects.add(() -> done.completeExceptionally(e));
            } else if (state == State.CLOSED || closeRequest != null) {
                effects.add(() -> done.completeExceptionally(new TypeError("the stream is closing or closed")));
            } else {
                queue.add(chunk, sizeOf.applyAsDouble(chunk), done, atomic);
                updateBackpressure(effects);
            }
        }
        run(effects);
        advance();
        return done;
    }

    CompletableFuture<Void> closeInternal() {
        List<Runnable> effects = new ArrayList<>();
        CompletableFuture<Void> request;
        synchronized (this) {
            if (state == State.CLOSED || closeRequest != null) {
                return failed(new TypeError("the stream is closing or closed"));
            }
            if (state == State.ERRORED || state == State.ERRORING) {
                return failed(storedError);
            }
            closeRequest = new CompletableFuture<>();
            request = closeRequest;
            if (backpressure && writer != null) {
                writer.onReady(effects); // a close relieves the writer's wait for room
            }
        }
        run(effects);
        advance();
        return request.copy();
    }

    CompletableFuture<Void> abortInternal(Object reason) {
        synchronized (this) {
            if (state == State.CLOSED || state == State.ERRORED) {
                return completed(null);
            }
            if (pendingAbort != null) {
                return pendingAbort.copy();
            }
            pendingAbort = new CompletableFuture<>();
            abortReason = reason;
        }
        CompletableFuture<Void> result = pendingAbort.copy();
        startErroring(reason instanceof Throwable t ? t
                : new net.webtransport.AbortError(reason == null ? "the stream was aborted" : String.valueOf(reason)));
        return result;
    }

    synchronized Double desiredSize() {
        return switch (state) {
            case ERRORED, ERRORING -> null;
            case CLOSED -> 0.0;
            case WRITABLE -> highWaterMark - queue.totalSize();
        };
    }

    // ------------------------------------------------------------------ the machine

    private void errorFromSink(Throwable error) {
        synchronized (this) {
            if (state != State.WRITABLE) {
                return;
            }
        }
        startErroring(error);
    }

    /** WritableStreamStartErroring: queued writes will fail; the writer's ready fails now. */
    private void startErroring(Throwable reason) {
        List<Runnable> effects = new ArrayList<>();
        synchronized (this) {
            if (state != State.WRITABLE) {
                return;
            }
            state = State.ERRORING;
            storedError = reason;
            if (writer != null) {
                writer.onErroring(reason, effects);
            }
        }
        run(effects);
        advance();
    }

    /**
     * Moves the stream on: finishes erroring, hands the sink its next chunk, or closes it. A sink
     * that takes chunks at once is fed in this loop rather than by recursion, so a long queue cannot
     * overflow the stack.
     */
    private void advance() {
        while (true) {
            WriteQueue.Pending<T> next = null;
            boolean closeNow = false;
            boolean finishErroring = false;
            synchronized (this) {
                if (inFlightWrite || inFlightClose) {
                    return;
                }
                if (state == State.ERRORING) {
                    finishErroring = true;
                } else if (state == State.WRITABLE) {
                    if (!queue.isEmpty()) {
                        next = queue.peek();
                        inFlightWrite = true;
                    } else if (closeRequest != null) {
                        inFlightClose = true;
                        closeNow = true;
                    }
                }
            }
            if (finishErroring) {
                finishErroring();
                return;
            }
            if (closeNow) {
                call(sink::close).whenComplete((v, e) -> onCloseDone(e));
                return;
            }
            if (next == null) {
                return;
            }
            WriteQueue.Pending<T> writing = next;
            CompletionStage<Boolean> taken = writing.atomic()
                    ? call(() -> sink.writeAtomic(writing.chunk(), controller))
                    : call(() -> sink.write(writing.chunk(), controller)).thenApply(v -> true);
            CompletableFuture<Boolean> now = taken instanceof CompletableFuture<Boolean> f && f.isDone() ? f : null;
            if (now == null) {
                taken.whenComplete((took, e) -> {
                    settle(writing, took, e);
                    advance();
                });
                return;
            }
            Throwable error = now.isCompletedExceptionally() ? exceptionOf(now) : null;
            settle(writing, error == null ? now.join() : null, error); // and loop on
        }
    }

    private void settle(WriteQueue.Pending<T> written, Boolean took, Throwable error) {
        if (error == null && Boolean.FALSE.equals(took)) {
            refuseAtomicWrites(written);
        } else {
            settleWrite(written, error);
        }
    }

    /**
     * The sink refused an atomic write (WebTransport's "abort all atomic write requests"): it and
     * every queued atomic write fail with an AbortError and the stream stays writable, unless a
     * plain write is queued among them, which cannot be refused: then the stream errors.
     */
    private void refuseAtomicWrites(WriteQueue.Pending<T> refused) {
        List<Runnable> effects = new ArrayList<>();
        AbortError error = new AbortError("the chunk could not be sent whole within the flow-control window");
        boolean plainWriteQueued;
        synchronized (this) {
            inFlightWrite = false;
            queue.removeHead(refused);
            effects.add(() -> refused.done().completeExceptionally(error));
            plainWriteQueued = queue.hasPlainWrite();
            if (!plainWriteQueued) {
                queue.failAll(error, effects);
                if (state == State.WRITABLE) {
                    updateBackpressure(effects);
                }
            }
        }
        run(effects);
        if (plainWriteQueued) {
            startErroring(error);
        }
    }

    private static <V> Throwable exceptionOf(CompletableFuture<V> failed) {
        try {
            failed.join();
            return null;
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private void settleWrite(WriteQueue.Pending<T> written, Throwable error) {
        List<Runnable> effects = new ArrayList<>();
        synchronized (this) {
            inFlightWrite = false;
            queue.removeHead(written);
            if (error == null) {
                effects.add(() -> written.done().complete(null));
                if (state == State.WRITABLE) {
                    updateBackpressure(effects);
                }
            } else {
                effects.add(() -> written.done().completeExceptionally(error));
            }
        }
        run(effects);
        if (error != null) {
            startErroring(error);
        }
    }

    private void onCloseDone(Throwable error) {
        List<Runnable> effects = new ArrayList<>();
        synchronized (this) {
            inFlightClose = false;
            CompletableFuture<Void> request = closeRequest;
            if (error == null) {
                state = State.CLOSED;
                effects.add(() -> request.complete(null));
                if (pendingAbort != null) {
                    CompletableFuture<Void> abort = pendingAbort;
                    effects.add(() -> abort.complete(null)); // closed before the abort could act
                }
                if (writer != null) {
                    writer.onClosed(effects);
                }
            } else {
                effects.add(() -> request.completeExceptionally(error));
                if (pendingAbort != null) {
                    // WHATWG: an abort that waited on this close fails with the close's error, and the
                    // sink, whose close failed, is not asked to abort as well.
                    CompletableFuture<Void> abort = pendingAbort;
                    pendingAbort = null;
                    effects.add(() -> abort.completeExceptionally(error));
                }
            }
        }
        run(effects);
        if (error != null) {
            startErroring(error);
            advance();
        } else {
            ended();
        }
    }

    /** WritableStreamFinishErroring: fails what is queued, then lets the sink abort. */
    private void finishErroring() {
        List<Runnable> effects = new ArrayList<>();
        CompletableFuture<Void> abort;
        Object reason;
        Throwable error;
        synchronized (this) {
            if (state != State.ERRORING) {
                return;
            }
            state = State.ERRORED;
            error = storedError;
            queue.failAll(error, effects);
            if (closeRequest != null) {
                CompletableFuture<Void> request = closeRequest;
                effects.add(() -> request.completeExceptionally(error));
            }
            if (writer != null) {
                writer.onErrored(error, effects);
            }
            abort = pendingAbort;
            reason = abortReason;
        }
        run(effects);
        ended();
        if (abort != null) {
            call(() -> sink.abort(reason)).whenComplete((v, e) -> executor.execute(() -> {
                if (e != null) {
                    abort.completeExceptionally(e);
                } else {
                    abort.complete(null);
                }
            }));
        }
    }

    /** Under the monitor: the writer's ready waits while the queue is at or past the high-water mark. */
    private void updateBackpressure(List<Runnable> effects) {
        boolean now = highWaterMark - queue.totalSize() <= 0;
        if (now != backpressure) {
            backpressure = now;
            if (writer != null) {
                if (now) {
                    writer.onBackpressure();
                } else {
                    writer.onReady(effects);
                }
            }
        }
    }

    private static <V> CompletionStage<V> call(Supplier<CompletionStage<V>> sinkCall) {
        try {
            return sinkCall.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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
