package net.webtransport.internal.netty;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The executor a client or server uses when the application gives none. */
public final class DefaultExecutors {
    private DefaultExecutors() {
    }

    /**
     * A cached pool of daemon threads named {@code prefix-N}, like {@code java.net.http.HttpClient}'s
     * default: callbacks that block do not starve each other, and idle threads go away.
     */
    public static ExecutorService newCachedDaemonPool(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
