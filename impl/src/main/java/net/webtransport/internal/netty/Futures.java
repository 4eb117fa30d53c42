package net.webtransport.internal.netty;

import io.netty.util.concurrent.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/** Bridges Netty futures to {@link CompletableFuture}s that complete on the user's executor. */
final class Futures {
    private Futures() {
    }

    /** Completes {@code target} on {@code executor} when {@code source} completes; failures are mapped. */
    static <T> void relay(Future<?> source, CompletableFuture<T> target, T value, Executor executor,
                          Function<Throwable, Throwable> mapFailure) {
        source.addListener(f -> {
            if (f.isSuccess()) {
                completeAsync(target, value, executor);
            } else {
                failAsync(target, mapFailure.apply(f.cause()), executor);
            }
        });
    }

    static <T> void completeAsync(CompletableFuture<T> target, T value, Executor executor) {
        run(executor, () -> target.complete(value));
    }

    static void failAsync(CompletableFuture<?> target, Throwable cause, Executor executor) {
        run(executor, () -> target.completeExceptionally(cause));
    }

    /** A refused completion is reported, never run on the network thread instead. */
    private static void run(Executor executor, Runnable completion) {
        try {
            executor.execute(completion);
        } catch (RejectedExecutionException e) {
            System.getLogger(Futures.class.getName()).log(System.Logger.Level.WARNING,
                    "the executor refused a WebTransport completion; it is dropped", e);
        }
    }
}
