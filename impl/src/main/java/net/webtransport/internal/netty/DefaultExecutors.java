package net.webtransport.internal.netty;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The executor a client or server uses when the application gives none. */
public final class DefaultExecutors {
    /** The most threads the default pool starts: peers cannot make it start one per session. */
    public static final int MAX_THREADS = Math.max(64, 8 * Runtime.getRuntime().availableProcessors());

    private DefaultExecutors() {
    }

    /**
     * A pool of daemon threads named {@code prefix-N}, at most {@link #MAX_THREADS}, started on demand
     * and stopped after a minute idle. Callbacks that block do not starve each other until that many
     * block at once; past it, tasks wait in the queue (whose length the protocol limits bound: a
     * session queues at most one datagram delivery, streams and sessions are capped).
     */
    public static ExecutorService newBoundedDaemonPool(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
