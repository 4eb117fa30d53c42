package net.webtransport.streams;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in the order given, on another executor: a stream's completions keep
 * their order (a read's result before the {@code closed} that follows it), as JavaScript's
 * microtask queue keeps them, however many threads the underlying executor has.
 *
 * <p>Unlike JavaScript, Java code may block in a completion, and it may block on a later task of
 * the same queue (inside a read's completion, {@code reader.read().get()} waits for the next read's
 * result). So a task that is still running after {@link StallWatch#PERIOD_NANOS} while others wait
 * loses the queue: {@link StallWatch} starts a new drain that goes on with the tasks behind it, in
 * order, and the stalled drain stops when its task returns. The order therefore holds for tasks
 * that return within that time, which completions that do not block do.
 *
 * <p>The streams of this package complete their futures on one each; {@code WebTransport} settles
 * its promises on one too.
 */
public final class OrderedExecutor implements Executor {
    private final Executor delegate;
    // Guarded by this.
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    /** The drain that owns the queue, or null when none runs. */
    private Object owner;
    /** Tasks started so far, and when the watch last saw that count change (for {@link #takeOverIfStalled}). */
    private long started;
    private long startedAtLastLook = -1;
    private long lastLookNanos;

    /**
     * An ordered queue over another executor.
     *
     * @param delegate runs the queue's drains
     */
    public OrderedExecutor(Executor delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable task) {
        add(List.of(task));
    }

    /** Runs the completions a stream gathered under its monitor, in order, each as a task of its own. */
    void run(List<Runnable> effects) {
        if (!effects.isEmpty()) {
            add(effects);
        }
    }

    private void add(Collection<Runnable> more) {
        Object drain;
        synchronized (this) {
            tasks.addAll(more);
            if (owner != null) {
                StallWatch.watch(this);
                return;
            }
            drain = owner = new Object();
        }
        try {
            start(drain);
        } catch (RuntimeException rejected) {
            // The executor refused (shut down?): the caller hears of it, and a later task may try again
            // instead of queueing behind a drain that will never run.
            synchronized (this) {
                if (owner == drain) {
                    owner = null;
                }
            }
            throw rejected;
        }
    }

    private void start(Object drain) {
        delegate.execute(() -> drain(drain));
    }

    private void drain(Object self) {
        while (true) {
            Runnable next;
            synchronized (this) {
                if (owner != self) {
                    return; // this drain's last task stalled and another drain took the queue over
                }
                next = tasks.poll();
                if (next == null) {
                    owner = null;
                    return;
                }
                started++;
            }
            try {
                next.run();
            } catch (Throwable e) { // an Error too: escaping would leave the queue owned and stall the stream for good
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }

    /**
     * Called by the watch: if the task running at a look more than {@link StallWatch#PERIOD_NANOS}
     * ago still runs, and tasks wait, a new drain takes the queue. Returns whether the queue still
     * needs watching.
     */
    boolean takeOverIfStalled(long nowNanos) {
        Object stalled;
        Object drain;
        synchronized (this) {
            if (owner == null || tasks.isEmpty()) {
                startedAtLastLook = -1;
                return false;
            }
            if (started != startedAtLastLook) {
                startedAtLastLook = started;
                lastLookNanos = nowNanos;
                return true;
            }
            if (nowNanos - lastLookNanos < StallWatch.PERIOD_NANOS) {
                return true;
            }
            stalled = owner;
            drain = owner = new Object();
            startedAtLastLook = -1;
        }
        try {
            start(drain);
        } catch (RuntimeException rejected) { // the stalled drain keeps the queue and goes on when its task returns
            synchronized (this) {
                if (owner == drain) {
                    owner = stalled;
                }
            }
        }
        return true;
    }

    /** Whether tasks wait behind a running one. */
    synchronized boolean waitsBehindARunningTask() {
        return owner != null && !tasks.isEmpty();
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
