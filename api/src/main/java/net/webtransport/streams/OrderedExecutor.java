package net.webtransport.streams;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in the order given, on another executor: a stream's completions keep
 * their order (a read's result before the {@code closed} that follows it), as JavaScript's
 * microtask queue keeps them, however many threads the underlying executor has.
 */
final class OrderedExecutor implements Executor {
    private final Executor delegate;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    OrderedExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            delegate.execute(this::drain);
        } catch (RuntimeException rejected) {
            // The executor refused (shut down?): the caller hears of it, and a later task may try again
            // instead of queueing behind a drain that will never run.
            synchronized (this) {
                running = false;
            }
            throw rejected;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable e) { // an Error too: escaping would leave running set and stall the stream for good
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }

    /** Runs the completions a stream gathered under its monitor, in order, as one task. */
    void run(List<Runnable> effects) {
        if (!effects.isEmpty()) {
            execute(() -> effects.forEach(Runnable::run));
        }
    }

    /** A future that completes with {@code value} on this executor. */
    <V> CompletableFuture<V> completed(V value) {
        CompletableFuture<V> f = new CompletableFuture<>();
        execute(() -> f.complete(value));
        return f;
    }

    /** A future that fails with {@code error} on this executor. */
    <V> CompletableFuture<V> failed(Throwable error) {
        CompletableFuture<V> f = new CompletableFuture<>();
        execute(() -> f.completeExceptionally(error));
        return f;
    }
}
