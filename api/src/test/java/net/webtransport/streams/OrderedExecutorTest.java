package net.webtransport.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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
}
