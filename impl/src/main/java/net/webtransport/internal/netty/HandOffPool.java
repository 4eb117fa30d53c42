package net.webtransport.internal.netty;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default executor of clients and servers: at most {@code maxThreads} daemon threads, started on
 * demand and stopped after {@code keepAlive} idle, and a FIFO queue for tasks that find every thread
 * busy.
 *
 * <p>Why not a {@link java.util.concurrent.ThreadPoolExecutor}: a task is handed to the thread that
 * went idle <em>last</em>. Completions come one at a time from the network threads, so the thread that
 * just finished is usually still spinning (a short spin, as {@link java.util.concurrent.SynchronousQueue}
 * does) or at least has warm caches, and takes the task without a wake-up through the kernel. A
 * thread pool over a {@code LinkedBlockingQueue} wakes its longest-idle thread for every task instead;
 * on the bench's one-way stream that cost a quarter of the throughput (0.65 against 0.87 of raw QUIC).
 */
final class HandOffPool extends AbstractExecutorService {
    /** Busy-wait rounds before an idle thread parks: a few microseconds, as the JDK's hand-off queues spin. */
    private static final int SPINS = 128;

    private final String prefix;
    private final int maxThreads;
    private final long keepAliveNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminated = lock.newCondition();
    // Guarded by lock.
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** Idle threads, the one that went idle last first. */
    private final ArrayDeque<Worker> idle = new ArrayDeque<>();
    private final Set<Worker> workers = new HashSet<>();
    private int started;
    /**
     * Written under the lock, read without it where a thread is about to park: taking the lock there
     * could swallow the unpark of a hand-off (the lock parks and unparks its waiters too).
     */
    private volatile boolean shutdown;

    HandOffPool(String prefix, int maxThreads, long keepAlive, TimeUnit unit) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1: " + maxThreads);
        }
        this.prefix = prefix;
        this.maxThreads = maxThreads;
        this.keepAliveNanos = unit.toNanos(keepAlive);
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        Worker handTo;
        Worker start = null;
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException(prefix + " executor is shut down");
            }
            handTo = idle.pollFirst();
            if (handTo != null) {
                handTo.task = task;
            } else if (workers.size() < maxThreads) {
                start = new Worker(task);
                workers.add(start);
            } else {
                queue.addLast(task);
            }
        } finally {
            lock.unlock();
        }
        if (handTo != null) {
            if (handTo.parked) { // a spinning thread sees the task by itself
                LockSupport.unpark(handTo.thread);
            }
        } else if (start != null) {
            start.thread.start();
        }
    }

    /** Threads alive now, busy or idle. */
    int threadCount() {
        lock.lock();
        try {
            return workers.size();
        } finally {
            lock.unlock();
        }
    }

    /** Threads waiting for a task now. */
    int idleCount() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdown() {
        List<Worker> wake;
        lock.lock();
        try {
            shutdown = true;
            wake = new ArrayList<>(idle);
            signalIfTerminated();
        } finally {
            lock.unlock();
        }
        wake.forEach(w -> LockSupport.unpark(w.thread));
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> never;
        List<Worker> all;
        lock.lock();
        try {
            never = new ArrayList<>(queue);
            queue.clear();
            all = new ArrayList<>(workers);
        } finally {
            lock.unlock();
        }
        shutdown();
        all.forEach(w -> w.thread.interrupt());
        return never;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return shutdown && workers.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!(shutdown && workers.isEmpty())) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = terminated.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void signalIfTerminated() {
        if (shutdown && workers.isEmpty()) {
            terminated.signalAll();
        }
    }

    /**
     * Whether the calling thread, one of this pool's, may complete a future in line instead of handing
     * the completion to the pool as a task: at most {@link #MAX_IN_LINE_PER_TASK} times per task, since
     * code that chains the next call to each completion (write, then write again when that completed)
     * would otherwise nest deeper with every call until its stack overflowed.
     */
    boolean mayCompleteInLine() {
        if (!(Thread.currentThread() instanceof PoolThread t) || t.pool != this || t.inLineCompletions >= MAX_IN_LINE_PER_TASK) {
            return false;
        }
        t.inLineCompletions++;
        return true;
    }

    /** Completions a task may see in line before the next one goes through the pool again. */
    static final int MAX_IN_LINE_PER_TASK = 16;

    /** A thread of this pool, so code running on it can tell without a thread-local. */
    private static final class PoolThread extends Thread {
        final HandOffPool pool;
        /** In-line completions since this thread's current task began; this thread only. */
        int inLineCompletions;

        PoolThread(Runnable body, String name, HandOffPool pool) {
            super(body, name);
            this.pool = pool;
        }
    }

    private final class Worker implements Runnable {
        final PoolThread thread;
        /** The task handed to this thread while it was idle. */
        volatile Runnable task;
        /** Whether the thread is (about to be) parked, so a hand-off must unpark it. */
        volatile boolean parked;

        Worker(Runnable first) {
            this.task = first;
            this.thread = new PoolThread(this, prefix + "-" + (++started), HandOffPool.this);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            Runnable next = task;
            while (next != null) {
                try {
                    next.run();
                } catch (Throwable e) {
                    thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
                }
                thread.inLineCompletions = 0;
                Thread.interrupted(); // a task's interrupt must not make the wait below spin
                next = nextTask();
            }
        }

        /** The next task: a queued one, one handed over while idle, or null when this thread stops. */
        private Runnable nextTask() {
            lock.lock();
            try {
                Runnable queued = queue.pollFirst();
                if (queued != null) {
                    return queued;
                }
                if (shutdown) {
                    stop();
                    return null;
                }
                task = null;
                parked = false;
                idle.addFirst(this);
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < SPINS; i++) {
                Runnable t = task;
                if (t != null) {
                    return t;
                }
                Thread.onSpinWait();
            }
            parked = true; // written before task is read again: execute() writes task, then reads parked
            long deadline = System.nanoTime() + keepAliveNanos;
            // Nothing between reading task and parking may block on a lock: a lock's own parking
            // could consume the hand-off's unpark, and the task would wait out the keep-alive.
            while (true) {
                Runnable t = task;
                if (t != null) {
                    return t;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || shutdown) {
                    lock.lock();
                    try {
                        if (task != null) {
                            return task; // handed over while this thread was giving up
                        }
                        idle.remove(this);
                        stop();
                        return null;
                    } finally {
                        lock.unlock();
                    }
                }
                LockSupport.parkNanos(this, left);
            }
        }

        /** Under the lock. */
        private void stop() {
            workers.remove(this);
            signalIfTerminated();
        }
    }
}
