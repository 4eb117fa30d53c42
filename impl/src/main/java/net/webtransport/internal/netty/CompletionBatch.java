package net.webtransport.internal.netty;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completes several futures in one executor task, where a task each would cost a hand-off each,
 * without breaking the threading contract's promise that code run in a completion may block on
 * another of the library's futures: a dependent of one future of the batch may wait for a later
 * one, which only this task would complete. So before completing any future but the last, the task
 * makes sure another task is queued that takes over the rest should this one block. In the usual
 * case that helper finds the batch done and ends at once: one extra task per batch, not one per
 * future. Futures start completing in the batch's order; once a helper has taken over, their
 * dependents may run at the same time on different threads.
 */
final class CompletionBatch implements Runnable {
    private final List<CompletableFuture<Void>> futures;
    private final WtConnectionHandler connection;
    /** The next future to complete, claimed by whichever task gets there first. */
    private final AtomicInteger next = new AtomicInteger();
    /** Whether a helper task is queued and has not started yet. */
    private final AtomicBoolean helperQueued = new AtomicBoolean();

    private CompletionBatch(List<CompletableFuture<Void>> futures, WtConnectionHandler connection) {
        this.futures = futures;
        this.connection = connection;
    }

    /** Completes {@code futures} with {@code null} on the connection's executor. */
    static void completeAll(List<CompletableFuture<Void>> futures, WtConnectionHandler connection) {
        if (futures.size() == 1) {
            CompletableFuture<Void> only = futures.get(0);
            connection.deliver(() -> only.complete(null), null);
        } else if (!futures.isEmpty()) {
            connection.deliver(new CompletionBatch(List.copyOf(futures), connection), null);
        }
    }

    @Override
    public void run() {
        helperQueued.set(false); // this task runs now: a future it may block on needs another one queued
        int i;
        while ((i = next.getAndIncrement()) < futures.size()) {
            if (i < futures.size() - 1 && helperQueued.compareAndSet(false, true)) {
                connection.deliver(this, null); // if the executor refuses, this task still goes on alone
            }
            futures.get(i).complete(null);
        }
    }
}
