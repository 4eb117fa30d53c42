package net.webtransport.streams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link ReadableStream}'s chunks come from (WHATWG {@code UnderlyingSource}). Every method
 * has a default; a source pushes with {@link ReadableStreamController#enqueue} whenever it likes, or
 * waits to be pulled.
 *
 * @param <T> the type of the chunks it produces
 */
public interface UnderlyingSource<T> {

    /**
     * Called once, from the stream's constructor. Does nothing by default.
     *
     * @param controller the controller through which to feed the stream
     */
    default void start(ReadableStreamController<T> controller) {
    }

    /**
     * The stream wants more (its queue is below the high-water mark, or a read waits). Not called
     * again until the returned stage completes; a failed stage (or an exception thrown here) errors
     * the stream. By default it completes at once without enqueuing anything.
     *
     * @param controller the controller through which to feed the stream
     * @return completes when the pull is done
     */
    default CompletionStage<Void> pull(ReadableStreamController<T> controller) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The consumer cancelled the stream: its queued chunks were dropped. Does nothing by default.
     *
     * @param reason what the consumer gave as the reason, or null
     * @return completes when the source has let go of its resources; its failure fails the
     *         consumer's {@code cancel}
     */
    default CompletionStage<Void> cancel(Object reason) {
        return CompletableFuture.completedFuture(null);
    }
}
