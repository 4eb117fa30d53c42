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

    /** All written chunks were taken and the writer closed the stream. */
    default CompletionStage<Void> close() {
        return CompletableFuture.completedFuture(null);
    }

    /** The producer gave up; {@code reason} is what it said, or null. Queued chunks were dropped. */
    default CompletionStage<Void> abort(Object reason) {
        return CompletableFuture.completedFuture(null);
    }
}
