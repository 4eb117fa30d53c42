package net.webtransport.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerCertificate;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.IoTransport;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * The "every core" figures: {@link #CONNECTIONS} connections, each echoing through one stream at
 * once, against a server on one event loop and against one on one loop per core (interleaved run
 * by run). Prints the aggregate echo throughput, the server's CPU seconds per GiB echoed and how
 * the connections spread over the server's loops, then the lines
 * {@code scaling N-loops/1-loop} (throughput) and {@code cpu per GiB N-loops/1-loop}.
 * The client runs one loop per core too, and a socket per connection, so the server's kernel
 * spreads the connections by their ports; on a machine with few cores the client competes with
 * the server for them, so the throughput scaling says more about that than about the server.
 */
final class MultiConnection {
    static final int CONNECTIONS = Integer.getInteger("bench.connections", 8);
    /** MiB each connection echoes per run. */
    static final long MIB_PER_CONNECTION = Long.getLong("bench.multiMiB", 16);
    private static final double GIB = 1L << 30;

    private MultiConnection() {
    }

    static void figures(ServerCertificate cert, IoTransport io, int runs) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        long perConnection = MIB_PER_CONNECTION << 20;
        List<Double> oneRate = new ArrayList<>();
        List<Double> manyRate = new ArrayList<>();
        List<Double> oneCpu = new ArrayList<>();
        List<Double> manyCpu = new ArrayList<>();
        try (WebTransportServer one = server(cert, io, 1);
             WebTransportServer many = server(cert, io, cores);
             WebTransportClient client = WebTransportClient.builder().trust(cert.leaf()).ioTransport(io)
                     .eventLoops(cores).build();
             ServerCpu cpu = new ServerCpu("webtransport-server")) {
            int manyLoops = many.connectionsPerLoop().size();
            for (int i = 0; i < Bench.WARM_UP_RUNS + runs; i++) {
                boolean measured = i >= Bench.WARM_UP_RUNS;
                for (WebTransportServer server : List.of(one, many)) {
                    long cpu0 = cpu.nanos();
                    Result r = run(client, server, perConnection);
                    double cpuSecondsPerGib = (cpu.nanos() - cpu0) / 1e9 / (CONNECTIONS * perConnection / GIB);
                    if (measured) {
                        (server == one ? oneRate : manyRate).add(r.mbPerSecond());
                        (server == one ? oneCpu : manyCpu).add(cpuSecondsPerGib);
                        System.out.printf(Locale.ROOT, "%d connections run %d, %d server loop(s): %.1f MB/s echoed in all,"
                                + " server %.2f cpu s/GiB, connections per loop %s%n", CONNECTIONS, i - Bench.WARM_UP_RUNS + 1,
                                server.connectionsPerLoop().size(), r.mbPerSecond(), cpuSecondsPerGib, r.spread());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%d connections, 1 server loop: %.1f MB/s echoed (median), server %.2f cpu s/GiB%n",
                    CONNECTIONS, Bench.median(oneRate), Bench.median(oneCpu));
            System.out.printf(Locale.ROOT, "%d connections, %d server loops: %.1f MB/s echoed (median), server %.2f cpu s/GiB%n",
                    CONNECTIONS, manyLoops, Bench.median(manyRate), Bench.median(manyCpu));
            System.out.printf(Locale.ROOT, "scaling N-loops/1-loop: %.2f (N = %d)%n", Bench.median(manyRate) / Bench.median(oneRate), manyLoops);
            System.out.printf(Locale.ROOT, "cpu per GiB N-loops/1-loop: %.2f%n", Bench.median(manyCpu) / Bench.median(oneCpu));
        }
    }

    private static WebTransportServer server(ServerCertificate cert, IoTransport io, int loops) throws Exception {
        return WebTransportServer.builder().certificate(cert).ioTransport(io).eventLoops(loops)
                .handler(r -> ConnectResponse.accept(new WtEcho.Server())).start();
    }

    /** A run's aggregate echo rate and the server's connections per loop while it ran. */
    private record Result(double mbPerSecond, List<Integer> spread) {
    }

    /**
     * Opens {@link #CONNECTIONS} sessions (each on its own connection), echoes {@code perConnection}
     * bytes through each at once; the aggregate MB/s is the bytes echoed over the wall time.
     */
    private static Result run(WebTransportClient client, WebTransportServer server, long perConnection) throws Exception {
        URI uri = URI.create("https://127.0.0.1:" + server.port() + "/echo");
        List<Session> sessions = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                sessions.add(client.connect(uri, new SessionHandler() { }).get(10, TimeUnit.SECONDS));
            }
            List<Integer> spread = server.connectionsPerLoop();
            long start = System.nanoTime();
            List<Future<Double>> echoes = new ArrayList<>();
            for (Session s : sessions) {
                echoes.add(writers.submit(() -> WtEcho.echoOn(s, perConnection)));
            }
            for (Future<Double> f : echoes) {
                f.get(300, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(CONNECTIONS * perConnection / 1e6 / seconds, spread);
        } finally {
            for (Session s : sessions) {
                s.close().get(10, TimeUnit.SECONDS);
            }
            writers.shutdown();
        }
    }
}
