package net.webtransport.streams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link WritableStream}'s chunks go (WHATWG {@code UnderlyingSink}). Writes reach it one
 * at a time: the next comes once the previous stage completed; a failed stage errors the stream.
 */
public interface UnderlyingSink<T> {

    /** Called once, at construction. */
    default void start(WritableStreamController controller) {
    }

    /** Takes one chunk; the stream's {@code desiredSize} counts it until the stage completes. */
    CompletionStage<Void> write(T chunk, WritableStreamController controller);

    /**
     * Takes one chunk only if it can go whole without waiting on flow control (WebTransport's
     * {@code atomicWrite}): completes with true when taken, false when refused, in which case the
     * stream stays writable and its other queued atomic writes are refused too. A sink without such a
     * limit takes every chunk, as {@link #write} does.
     */
    default CompletionStage<Boolean> writeAtomic(T chunk, WritableStreamController controller) {
        return write(chunk, controller).thenApply(v -> true);
    }

    /** All written chunks were taken and the writer closed the stream. */
    default CompletionStage<Void> close() {
        return CompletableFuture.completedFuture(null);
    }

    /** The producer gave up; {@code reason} is what it said, or null. Queued chunks were dropped. */
    default CompletionStage<Void> abort(Object reason) {
        return CompletableFuture.completedFuture(null);
    }
}
