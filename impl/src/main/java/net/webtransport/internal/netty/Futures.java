package net.webtransport.internal.netty;

import io.netty.util.concurrent.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
        executor.execute(() -> target.complete(value));
    }

    static void failAsync(CompletableFuture<?> target, Throwable cause, Executor executor) {
        executor.execute(() -> target.completeExceptionally(cause));
    }
}
