package net.webtransport.streams;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The writes of a {@link WritableStream} that wait for its sink, with their total size (the WHATWG
 * "queue-with-sizes"). Not thread-safe: the stream uses it under its own monitor only.
 *
 * @param <T> the type of the chunks
 */
final class WriteQueue<T> {

    /** A queued write; an atomic one may be refused by the sink without erroring the stream. */
    record Pending<T>(T chunk, double size, CompletableFuture<Void> done, boolean atomic) {
    }

    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    private double totalSize;

    /** Queues a write that counts {@code size} against the high-water mark until the sink took it. */
    void add(T chunk, double size, CompletableFuture<Void> done, boolean atomic) {
        queue.add(new Pending<>(chunk, size, done, atomic));
        totalSize += size;
    }

    /** The write the sink gets next, or null if none is queued. */
    Pending<T> peek() {
        return queue.peek();
    }

    /** Whether no write is queued. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Takes away the write at the head, {@code head}, once the sink took or refused it. */
    void removeHead(Pending<T> head) {
        queue.poll();
        totalSize = Math.max(0, totalSize - head.size()); // sizes are doubles: no drift below zero
    }

    /** Whether a plain write, one the sink cannot refuse, is queued. */
    boolean hasPlainWrite() {
        return queue.stream().anyMatch(p -> !p.atomic());
    }

    /** Empties the queue; each write in it fails with {@code error} when {@code effects} run. */
    void failAll(Throwable error, List<Runnable> effects) {
        for (Pending<T> p : queue) {
            effects.add(() -> p.done().completeExceptionally(error));
        }
        queue.clear();
        totalSize = 0;
    }

    /** The size of the queued writes together. */
    double totalSize() {
        return totalSize;
    }
}
