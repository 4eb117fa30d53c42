package net.webtransport.internal.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandOffPoolTest {
    private HandOffPool pool;

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS), "the pool's threads all stopped");
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    static CompletableFuture<Thread> threadOf(HandOffPool pool) {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        pool.execute(() -> ran.complete(Thread.currentThread()));
        return ran;
    }

    @Test
    void onlyThePoolsOwnThreadsMayCompleteInLineAndOnlyABoundedNumberOfTimesPerTask() throws Exception {
        pool = new HandOffPool("t", 1, 1, TimeUnit.MINUTES); // one thread: the next task runs where the first did
        HandOffPool other = new HandOffPool("o", 1, 1, TimeUnit.MINUTES);
        try {
            assertFalse(pool.mayCompleteInLine(), "not on a thread of the pool");
            CompletableFuture<int[]> counts = new CompletableFuture<>();
            pool.execute(() -> {
                int allowed = 0;
                for (int i = 0; i < 100; i++) {
                    allowed += pool.mayCompleteInLine() ? 1 : 0;
                }
                counts.complete(new int[] {allowed, other.mayCompleteInLine() ? 1 : 0});
            });
            int[] first = counts.get(5, TimeUnit.SECONDS);
            assertEquals(HandOffPool.MAX_IN_LINE_PER_TASK, first[0], "in-line completions per task are capped");
            assertEquals(0, first[1], "another pool's thread is not this pool's");
            CompletableFuture<Boolean> next = new CompletableFuture<>();
            pool.execute(() -> next.complete(pool.mayCompleteInLine()));
            assertTrue(next.get(5, TimeUnit.SECONDS), "the cap starts over with every task");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aTaskGoesToTheThreadThatWentIdleLast() throws Exception {
        pool = new HandOffPool("t", 2, 1, TimeUnit.MINUTES);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> first = new CompletableFuture<>();
        pool.execute(() -> {
            first.complete(Thread.currentThread());
            awaitQuietly(release);
        });
        Thread second = threadOf(pool).get(5, TimeUnit.SECONDS); // a second thread, since the first is busy
        await("the second thread is idle", () -> pool.idleCount() == 1);
        release.countDown();
        await("both threads are idle", () -> pool.idleCount() == 2);

        assertEquals(first.get(), threadOf(pool).get(5, TimeUnit.SECONDS), "the first thread went idle last");
        await("both threads are idle again", () -> pool.idleCount() == 2);
        assertFalse(second == first.get());
    }

    @Test
    void tasksBeyondTheThreadLimitWaitInOrderUntilAThreadIsFree() throws Exception {
        pool = new HandOffPool("t", 2, 1, TimeUnit.MINUTES);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> awaitQuietly(release));
        }
        List<Integer> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch queuedDone = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            int n = i;
            pool.execute(() -> {
                order.add(n);
                queuedDone.countDown();
            });
        }
        assertEquals(2, pool.threadCount(), "no thread past the limit");
        assertFalse(queuedDone.await(50, TimeUnit.MILLISECONDS), "queued tasks wait while every thread is busy");
        release.countDown();
        assertTrue(queuedDone.await(5, TimeUnit.SECONDS));
        assertEquals(2, pool.threadCount());
        assertEquals(3, order.size());
    }

    @Test
    void idleThreadsStopAfterTheKeepAlive() throws Exception {
        pool = new HandOffPool("t", 4, 20, TimeUnit.MILLISECONDS);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> {
                started.countDown();
                awaitQuietly(release);
            });
        }
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertEquals(3, pool.threadCount());
        release.countDown();
        await("every idle thread stopped", () -> pool.threadCount() == 0);
        assertEquals(0, pool.idleCount());
        threadOf(pool).get(5, TimeUnit.SECONDS); // and a new task starts a thread again
    }

    @Test
    void aTaskThatThrowsLeavesThePoolWorking() throws Exception {
        pool = new HandOffPool("t", 1, 1, TimeUnit.MINUTES);
        AtomicInteger reported = new AtomicInteger();
        CompletableFuture<Thread> thrower = new CompletableFuture<>();
        pool.execute(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.incrementAndGet());
            thrower.complete(Thread.currentThread());
            throw new IllegalStateException("a callback failed");
        });
        Thread t = thrower.get(5, TimeUnit.SECONDS);
        assertEquals(t, threadOf(pool).get(5, TimeUnit.SECONDS), "the same thread runs the next task");
        assertEquals(1, reported.get(), "the failure went to the thread's uncaught-exception handler");
    }

    @Test
    void shutdownRunsWhatWasQueuedThenRefusesNewTasks() throws Exception {
        pool = new HandOffPool("t", 1, 1, TimeUnit.MINUTES);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> awaitQuietly(release));
        CompletableFuture<Void> queued = new CompletableFuture<>();
        pool.execute(() -> queued.complete(null));
        pool.shutdown();
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
        assertFalse(pool.isTerminated());
        release.countDown();
        queued.get(5, TimeUnit.SECONDS);
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(0, pool.threadCount());
    }

    @Test
    void shutdownNowReturnsTheQueuedTasksAndInterruptsTheRunningOnes() throws Exception {
        pool = new HandOffPool("t", 1, 1, TimeUnit.MINUTES);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        CountDownLatch running = new CountDownLatch(1);
        pool.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(10_000);
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        Runnable never = () -> { };
        pool.execute(never);
        assertTrue(running.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(never), pool.shutdownNow());
        assertTrue(interrupted.get(5, TimeUnit.SECONDS));
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void manyTasksFromManyThreadsAllRun() throws Exception {
        pool = new HandOffPool("t", 3, 1, TimeUnit.MINUTES);
        int producers = 4;
        int each = 20_000;
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(producers * each);
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            threads[p] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    pool.execute(() -> {
                        ran.incrementAndGet();
                        done.countDown();
                    });
                }
            });
            threads[p].start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), "every task ran; missing " + done.getCount());
        assertEquals(producers * each, ran.get());
        assertTrue(pool.threadCount() <= 3);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
