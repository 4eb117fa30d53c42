package net.webtransport.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A stream's ordered executor keeps running its tasks whatever one task or the executor below does. */
class OrderedExecutorTest {

    @Test
    void aTaskThatThrowsAnErrorDoesNotStallTheTasksAfterIt() {
        List<String> ran = new ArrayList<>();
        Thread.UncaughtExceptionHandler quiet = (t, e) -> ran.add("reported " + e.getMessage());
        Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler(quiet);
        try {
            OrderedExecutor ordered = new OrderedExecutor(Runnable::run);
            ordered.execute(() -> {
                throw new AssertionError("boom");
            });
            ordered.execute(() -> ran.add("next"));
            assertEquals(List.of("reported boom", "next"), ran);
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(before);
        }
    }

    @Test
    void aRejectionReachesTheCallerAndALaterTaskRunsOnceTheExecutorTakesTasksAgain() {
        AtomicBoolean refusing = new AtomicBoolean(true);
        Executor flaky = task -> {
            if (refusing.get()) {
                throw new RejectedExecutionException("shut down");
            }
            task.run();
        };
        OrderedExecutor ordered = new OrderedExecutor(flaky);
        List<String> ran = new ArrayList<>();
        assertThrows(RejectedExecutionException.class, () -> ordered.execute(() -> ran.add("first")));
        refusing.set(false);
        ordered.execute(() -> ran.add("second"));
        assertEquals(List.of("first", "second"), ran, "the refused task waited in order; nothing stalled");
    }

    @Test
    void tasksThatReturnPromptlyRunOneAtATimeInOrderOnAnExecutorOfManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            OrderedExecutor ordered = new OrderedExecutor(pool);
            List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(10_000);
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                ordered.execute(() -> {
                    ran.add(n);
                    all.countDown();
                });
            }
            assertTrue(all.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 10_000; i++) {
                assertEquals(i, ran.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskBlockedOnALaterTaskOfItsQueueLetsTheRestRunInOrderAndEachRunsOnce() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            OrderedExecutor ordered = new OrderedExecutor(pool);
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch secondRan = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(4);
            ordered.execute(() -> {
                try {
                    // As a read's completion waiting for the next read, which this queue completes.
                    ran.add(secondRan.await(5, TimeUnit.SECONDS) ? "first saw second" : "first timed out");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
            ordered.execute(() -> {
                ran.add("second");
                secondRan.countDown();
                done.countDown();
            });
            ordered.execute(() -> {
                ran.add("third");
                done.countDown();
            });
            ordered.execute(() -> {
                ran.add("fourth");
                done.countDown();
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertTrue(ran.contains("first saw second"), "the blocked task saw the later one run: " + ran);
            List<String> rest = new ArrayList<>(ran);
            rest.remove("first saw second");
            assertEquals(List.of("second", "third", "fourth"), rest, "the rest in order, each once: " + ran);
        } finally {
            pool.shutdownNow();
        }
    }
}
