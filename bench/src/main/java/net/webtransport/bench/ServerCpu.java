package net.webtransport.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of a server's threads, told apart from the client's in this same process by thread
 * name: the WebTransport server's event loops ({@code webtransport-server-loop-...}) and executor
 * ({@code webtransport-server-N}), or the raw QUIC server's event loop ({@code raw-quic-server-...}).
 * Per-thread CPU time from {@link ThreadMXBean}; a thread that ends between two readings (an idle
 * executor thread stops after a minute) keeps what it had used at the last reading, so a reading
 * is taken every 50 ms by a daemon thread. Work the kernel does for the server's sockets in softirq
 * context is not charged to these threads, on either path.
 */
final class ServerCpu implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String prefix;
    /** Last CPU nanos seen per thread id; guarded by this. */
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    ServerCpu(String prefix) {
        this.prefix = prefix;
        sample();
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample() {
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(prefix)) {
                long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    lastSeen.put(t.getThreadId(), cpu);
                }
            }
        }
    }

    /** CPU nanoseconds the server's threads have used so far (differences between two calls are what counts). */
    synchronized long nanos() {
        sample();
        long sum = 0;
        for (long v : lastSeen.values()) {
            sum += v;
        }
        return sum;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
