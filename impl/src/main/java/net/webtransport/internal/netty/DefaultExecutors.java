package net.webtransport.internal.netty;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The executor a client or server uses when the application gives none. */
public final class DefaultExecutors {
    /** The most threads the default pool starts: peers cannot make it start one per session. */
    public static final int MAX_THREADS = Math.max(64, 8 * Runtime.getRuntime().availableProcessors());

    private DefaultExecutors() {
    }

    /**
     * A pool of daemon threads named {@code prefix-N}, at most {@link #MAX_THREADS}, started on demand
     * and stopped after a minute idle, that hands each task to the thread that went idle last (see
     * {@link HandOffPool}). Callbacks that block do not starve each other until that many block at
     * once; past it, tasks wait in the queue (whose length the protocol limits bound: a session
     * queues at most one datagram delivery, streams and sessions are capped).
     */
    public static ExecutorService newBoundedDaemonPool(String prefix) {
        return new HandOffPool(prefix, MAX_THREADS, 60, TimeUnit.SECONDS);
    }
}
