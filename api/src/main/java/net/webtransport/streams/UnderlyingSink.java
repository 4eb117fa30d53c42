package net.webtransport.streams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link WritableStream}'s chunks go (WHATWG {@code UnderlyingSink}). Writes reach it one
 * at a time: the next comes once the previous stage completed; a failed stage (or an exception
 * thrown by a method) errors the stream.
 *
 * @param <T> the type of the chunks it takes
 */
public interface UnderlyingSink<T> {

    /**
     * Called once, from the stream's constructor. Does nothing by default.
     *
     * @param controller the controller through which the sink can error the stream
     */
    default void start(WritableStreamController controller) {
    }

    /**
     * Takes one chunk; the stream's {@code desiredSize} counts it until the stage completes.
     *
     * @param chunk      the chunk written
     * @param controller the stream's controller
     * @return completes once the chunk is taken; its failure errors the stream
     */
    CompletionStage<Void> write(T chunk, WritableStreamController controller);

    /**
     * Takes one chunk only if it can go whole without waiting on flow control (WebTransport's
     * {@code atomicWrite}): completes with true when taken, false when refused, in which case the
     * stream stays writable and its other queued atomic writes are refused too. A sink without such a
     * limit takes every chunk, as {@link #write} does.
     *
     * @param chunk      the chunk written
     * @param controller the stream's controller
     * @return whether the chunk was taken; its failure errors the stream
     */
    default CompletionStage<Boolean> writeAtomic(T chunk, WritableStreamController controller) {
        return write(chunk, controller).thenApply(v -> true);
    }

    /**
     * All written chunks were taken and the writer closed the stream. Does nothing by default.
     *
     * @return completes when the sink has finished; its failure errors the stream
     */
    default CompletionStage<Void> close() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The producer aborted the stream; queued chunks were dropped. Does nothing by default.
     *
     * @param reason what the producer gave as the reason, or null
     * @return completes when the sink has let go of its resources; its failure fails the
     *         producer's {@code abort}
     */
    default CompletionStage<Void> abort(Object reason) {
        return CompletableFuture.completedFuture(null);
    }
}
