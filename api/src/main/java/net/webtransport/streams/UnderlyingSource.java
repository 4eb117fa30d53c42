package net.webtransport.streams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link ReadableStream}'s chunks come from (WHATWG {@code UnderlyingSource}). Every method
 * has a default; a source pushes with {@link ReadableStreamController#enqueue} whenever it likes, or
 * waits to be pulled.
 */
public interface UnderlyingSource<T> {

    /** Called once, at construction. */
    default void start(ReadableStreamController<T> controller) {
    }

    /**
     * The stream wants more (its queue is below the high-water mark, or a read waits). Not called
     * again until the returned stage completes; a failed stage errors the stream.
     */
    default CompletionStage<Void> pull(ReadableStreamController<T> controller) {
        return CompletableFuture.completedFuture(null);
    }

    /** The consumer gave up; {@code reason} is what it said, or null. */
    default CompletionStage<Void> cancel(Object reason) {
        return CompletableFuture.completedFuture(null);
    }
}
