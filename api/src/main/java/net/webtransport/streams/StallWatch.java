package net.webtransport.streams;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread that looks, every {@link #PERIOD_NANOS}, at the {@link OrderedExecutor}s with
 * tasks waiting behind a running one, and has a queue whose task ran through a whole period taken
 * over by a new drain. It runs no task itself: it only hands a drain to the stream's executor. It
 * parks for good while nothing waits.
 */
final class StallWatch {
    /** How long a task may run while others of its queue wait before they go on without it. */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final Set<OrderedExecutor> WATCHED = ConcurrentHashMap.newKeySet();
    private static final Thread THREAD = Thread.ofPlatform().daemon().name("webtransport-stall-watch").unstarted(StallWatch::loop);
    /** Whether the thread parks without a deadline; an executor that puts itself under watch then wakes it. */
    private static volatile boolean idle;

    static {
        THREAD.start();
    }

    private StallWatch() {
    }

    /** Puts {@code queue}, which has tasks waiting behind a running one, under watch. */
    static void watch(OrderedExecutor queue) {
        if (WATCHED.add(queue) && idle) {
            LockSupport.unpark(THREAD);
        }
    }

    private static void loop() {
        while (true) {
            if (WATCHED.isEmpty()) {
                idle = true; // written before looking again: watch() adds, then reads this
                if (WATCHED.isEmpty()) {
                    LockSupport.park();
                }
                idle = false;
                continue;
            }
            LockSupport.parkNanos(PERIOD_NANOS / 2);
            long now = System.nanoTime();
            for (OrderedExecutor queue : WATCHED) {
                try {
                    if (!queue.takeOverIfStalled(now)) {
                        WATCHED.remove(queue);
                        if (queue.waitsBehindARunningTask()) {
                            WATCHED.add(queue); // a task queued between the look and the removal
                        }
                    }
                } catch (RuntimeException | Error e) { // never let the watch die: every stream depends on it
                    WATCHED.remove(queue);
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                }
            }
        }
    }
}
