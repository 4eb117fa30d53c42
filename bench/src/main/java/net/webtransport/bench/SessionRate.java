package net.webtransport.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * Part {@code sessions}: sessions established per second against the bench's server, with
 * {@link #WORKERS} workers (threads) at once, each opening a session, waiting until it is
 * established (the server's 200 arrived), closing it and waiting until the close was sent, then
 * opening the next, for {@link #SECONDS} seconds after a 1-second warm-up. The close is inside the
 * timed loop, so a session counts once it has been opened and closed. Two ways:
 * <ul>
 *   <li>new connection each: every session on a connection of its own (QUIC handshake, SETTINGS,
 *       CONNECT, 200; the connection closes after its session);</li>
 *   <li>pooled: every session on the client's one pooled connection, opened before the timing
 *       starts (CONNECT and 200 only).</li>
 * </ul>
 * Prints the rate, the median and p99 time from {@code connect()} to the established session, the
 * process's CPU time per session (both ends are in the process) and the sessions that failed (not
 * counted). {@code -Dbench.sessionWorkers=N} (default 8),
 * {@code -Dbench.sessionSeconds=S} (default 3).
 */
final class SessionRate {
    static final int WORKERS = Integer.getInteger("bench.sessionWorkers", 8);
    static final double SECONDS = Double.parseDouble(System.getProperty("bench.sessionSeconds", "3"));
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private SessionRate() {
    }

    static void figures(WebTransportClient client, URI uri) throws Exception {
        for (boolean pooled : new boolean[] {false, true}) {
            ConnectOptions options = ConnectOptions.DEFAULT.withPooling(pooled);
            if (pooled) {
                // The pooled connection exists before the timing starts: this warm-up opens it.
                client.connect(uri, options, new SessionHandler() { }).get(10, TimeUnit.SECONDS).close().get(10, TimeUnit.SECONDS);
            }
            run(client, uri, options, WARM_UP_NANOS);
            Result r = run(client, uri, options, (long) (SECONDS * 1e9));
            System.out.printf(Locale.ROOT, "sessions per second, %s: %.0f/s (%d workers, %d sessions opened and closed in %.1f s,"
                    + " open p50 %.2f ms, p99 %.2f ms, cpu %.2f ms per session both ends, %d failed)%n",
                    pooled ? "pooled" : "new connection each", r.sessions / r.seconds, WORKERS, r.sessions, r.seconds,
                    r.openMillis(50), r.openMillis(99), r.cpuNanos / 1e6 / Math.max(1, r.sessions), r.failed);
        }
    }

    /**
     * What a timed run did: sessions opened and closed, the wall time, each session's open time, the
     * process's CPU time (client and server: steadier than the rate on a shared machine) and the failures.
     */
    private record Result(long sessions, double seconds, long[] openNanos, long cpuNanos, long failed) {
        double openMillis(int percentile) {
            return openNanos.length == 0 ? Double.NaN : Bench.percentile(openNanos, percentile) / 1e6;
        }
    }

    private static Result run(WebTransportClient client, URI uri, ConnectOptions options, long nanos) throws Exception {
        AtomicLong failed = new AtomicLong();
        AtomicLong done = new AtomicLong();
        List<List<Long>> openTimes = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long cpu0 = ProcessCpu.nanos();
        long start = System.nanoTime();
        long end = start + nanos;
        for (int w = 0; w < WORKERS; w++) {
            List<Long> times = new ArrayList<>();
            openTimes.add(times);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        long t0 = System.nanoTime();
                        Session s = client.connect(uri, options, new SessionHandler() { }).get(10, TimeUnit.SECONDS);
                        times.add(System.nanoTime() - t0);
                        s.close().get(10, TimeUnit.SECONDS);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 3) {
                            System.out.println("session failed: " + e);
                        }
                    }
                }
            }, "bench-session-opener-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = openTimes.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
        // A session whose close failed is not counted, like one that failed to open.
        return new Result(done.get(), seconds, all, ProcessCpu.nanos() - cpu0, failed.get());
    }
}
