package net.webtransport.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerCertificate;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.IoTransport;
import net.webtransport.transport.ReadResult;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * Loopback benchmarks, printed as figures (never asserted):
 * <ul>
 *   <li>single-stream bulk throughput over a WebTransport stream and over a raw Netty QUIC stream
 *       with the same settings, interleaved run by run so both see the same machine noise, and the
 *       ratio of their medians; with the process CPU time per byte (steadier than throughput on a
 *       shared machine) and the datagrams the kernel dropped for a full socket buffer;</li>
 *   <li>bulk echo through one bidirectional stream, WebTransport vs raw QUIC, and the round trip
 *       of a 100-byte message on an open stream (p50, p99), with their ratios;</li>
 *   <li>datagram echo rate, 64 datagrams in flight, measured for 3 s after {@value #DATAGRAM_WARM_UP_SECONDS} s of warm-up;</li>
 *   <li>session setup time (new connection, handshake, SETTINGS, CONNECT, 200), median of 20;</li>
 *   <li>{@link SessionRate}: sessions established per second by 8 workers, each session on a new
 *       connection and pooled on one connection (part {@code sessions});</li>
 *   <li>{@link MultiConnection}: 8 connections echoing at once against a server on one event loop
 *       and one on one loop per core (part {@code multi});</li>
 *   <li>{@link IdleMemory}: the server's heap and direct memory per idle connection and per idle
 *       pooled session, the server in a JVM of its own (part {@code memory}).</li>
 * </ul>
 * The echo part also prints the server's CPU seconds per GiB echoed ({@link ServerCpu}: the
 * server's threads only, WebTransport and raw QUIC). {@code -Dbench.transport=auto|epoll|nio}
 * picks the socket layer of every path, raw QUIC included (default auto); the header line names it.
 * Arguments: {@code [MiB per run, default 256] [runs, default 7]}; {@code -Dbench.inflight=N} sets the
 * writes kept in flight by both throughput runs (default 4); {@code -Dbench.parts=oneway,echo,rtt,datagrams,setup,sessions,multi,memory}
 * runs only the parts named (default all), for quick turns while tuning one path; {@code -Dbench.parts=soak}
 * runs the soak ({@link Soak}, {@code -Dbench.soakMinutes=N}, default 10) instead, which the default leaves out.
 */
public final class Bench {
    static final int WARM_UP_RUNS = 2;
    static final List<String> PARTS = List.of(System.getProperty("bench.parts", "oneway,echo,rtt,datagrams,setup,sessions,multi,memory").split(","));
    static final IoTransport IO = IoTransport.valueOf(System.getProperty("bench.transport", "auto").toUpperCase(Locale.ROOT));
    private static final double GIB = 1L << 30;
    static final int DATAGRAM_WARM_UP_SECONDS = 6;

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 256;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long total = mib << 20;
        ServerCertificate cert = ServerCertificate.selfSignedForLocalhost();
        if (PARTS.contains("soak")) {
            Soak.run(cert, Double.parseDouble(System.getProperty("bench.soakMinutes", "10")));
            return;
        }
        // Both ends use their default executors: callbacks run off the network threads, as for any user.
        WebTransportServer.Builder serverBuilder = WebTransportServer.builder().certificate(cert).ioTransport(IO);
        if (Integer.getInteger("bench.serverLoops") != null) {
            serverBuilder.eventLoops(Integer.getInteger("bench.serverLoops"));
        }
        try (WebTransportServer server = serverBuilder
                     .handler(r -> ConnectResponse.accept(r.path().startsWith("/echo") ? new WtEcho.Server() : new BenchHandler()))
                     .start();
             WebTransportClient client = WebTransportClient.builder().trust(cert.leaf()).ioTransport(IO).build();
             RawQuicThroughput raw = new RawQuicThroughput(cert, new BenchTransport(server.ioTransport()));
             RawQuicEcho rawEcho = new RawQuicEcho(cert, new BenchTransport(server.ioTransport()))) {
            System.out.printf(Locale.ROOT, "java %s, %d cores, transport %s (raw quic too), server loops %d, %d MiB per run,"
                    + " %d runs (after %d warm-up runs each)%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), server.ioTransportDescription(),
                    server.connectionsPerLoop().size(), mib, runs, WARM_UP_RUNS);
            URI uri = URI.create("https://127.0.0.1:" + server.port() + "/bench");
            if (PARTS.contains("oneway")) {
                oneWayFigures(client, uri, raw, total, runs);
            }
            if (PARTS.contains("echo")) {
                echoFigures(client, URI.create("https://127.0.0.1:" + server.port() + "/echo"), rawEcho, runs);
            }
            if (PARTS.contains("rtt")) {
                roundTripFigures(client, URI.create("https://127.0.0.1:" + server.port() + "/echo"), rawEcho);
            }
            if (PARTS.contains("datagrams")) {
                System.out.printf(Locale.ROOT, "datagram echo rate: %.0f datagrams/s%n", datagramEchoRate(client, uri));
            }
            if (PARTS.contains("setup")) {
                System.out.printf(Locale.ROOT, "session setup: %.2f ms (median of 20)%n", sessionSetupMillis(client, uri));
            }
            if (PARTS.contains("sessions")) {
                SessionRate.figures(client, URI.create("https://127.0.0.1:" + server.port() + "/sessions"));
            }
        }
        if (PARTS.contains("multi")) {
            MultiConnection.figures(cert, IO, runs);
        }
        if (PARTS.contains("memory")) {
            IdleMemory.figures(IO);
        }
    }

    /** Single-stream bulk upload, WebTransport vs raw QUIC interleaved run by run, printed as medians and their ratio. */
    static void oneWayFigures(WebTransportClient client, URI uri, RawQuicThroughput raw, long total, int runs) throws Exception {
        List<Double> wt = new ArrayList<>();
        List<Double> quic = new ArrayList<>();
        for (int i = 0; i < WARM_UP_RUNS; i++) { // let the JIT settle both paths before measuring
            wtThroughput(client, uri, total);
            raw.run(total);
        }
        List<Double> wtCpu = new ArrayList<>();
        List<Double> quicCpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long drops0 = UdpDrops.total();
            long cpu0 = ProcessCpu.nanos();
            double w = wtThroughput(client, uri, total);
            long drops1 = UdpDrops.total();
            long cpu1 = ProcessCpu.nanos();
            double q = raw.run(total);
            long drops2 = UdpDrops.total();
            long cpu2 = ProcessCpu.nanos();
            wt.add(w);
            quic.add(q);
            wtCpu.add((cpu1 - cpu0) / (double) total);
            quicCpu.add((cpu2 - cpu1) / (double) total);
            System.out.printf(Locale.ROOT, "run %d: webtransport %.1f MB/s (%.2f cpu ns/B, %d datagrams dropped),"
                    + " raw quic %.1f MB/s (%.2f cpu ns/B, %d dropped)%n",
                    i + 1, w, wtCpu.get(i), drops1 - drops0, q, quicCpu.get(i), drops2 - drops1);
        }
        double wtMedian = median(wt);
        double quicMedian = median(quic);
        System.out.printf(Locale.ROOT, "webtransport stream throughput: %.1f MB/s (median)%n", wtMedian);
        System.out.printf(Locale.ROOT, "raw quic stream throughput: %.1f MB/s (median)%n", quicMedian);
        System.out.printf(Locale.ROOT, "ratio wt/raw-quic: %.2f%n", wtMedian / quicMedian);
        System.out.printf(Locale.ROOT, "cpu per byte (both ends): webtransport %.2f ns, raw quic %.2f ns; ratio wt/raw-quic cpu: %.2f%n",
                median(wtCpu), median(quicCpu), median(wtCpu) / median(quicCpu));
    }

    /** MiB echoed per run: a round trip through both ends, so less than the one-way runs. */
    static final long ECHO_MIB = Long.getLong("bench.echoMiB", 64);

    /**
     * Bulk echo through one stream (client writes while it reads the echo back), WebTransport vs raw
     * QUIC interleaved, printed as medians and their ratio.
     */
    static void echoFigures(WebTransportClient client, URI echoUri, RawQuicEcho rawEcho, int runs) throws Exception {
        long total = ECHO_MIB << 20;
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            WtEcho.echo(client, echoUri, total);
            rawEcho.echo(total);
        }
        List<Double> wt = new ArrayList<>();
        List<Double> quic = new ArrayList<>();
        List<Double> wtCpu = new ArrayList<>();
        List<Double> quicCpu = new ArrayList<>();
        List<Double> wtServer = new ArrayList<>();
        List<Double> quicServer = new ArrayList<>();
        try (ServerCpu wtServerCpu = new ServerCpu("webtransport-server");
             ServerCpu quicServerCpu = new ServerCpu(RawQuicThroughput.SERVER_THREADS)) {
            for (int i = 0; i < runs; i++) {
                long cpu0 = ProcessCpu.nanos();
                long server0 = wtServerCpu.nanos();
                double w = WtEcho.echo(client, echoUri, total);
                long cpu1 = ProcessCpu.nanos();
                long server1 = wtServerCpu.nanos();
                long quicServer1 = quicServerCpu.nanos();
                double q = rawEcho.echo(total);
                long cpu2 = ProcessCpu.nanos();
                long quicServer2 = quicServerCpu.nanos();
                wt.add(w);
                quic.add(q);
                wtCpu.add((cpu1 - cpu0) / (double) total);
                quicCpu.add((cpu2 - cpu1) / (double) total);
                wtServer.add((server1 - server0) / 1e9 / (total / GIB));
                quicServer.add((quicServer2 - quicServer1) / 1e9 / (total / GIB));
                System.out.printf(Locale.ROOT, "echo run %d (%d MiB): webtransport %.1f MB/s (%.2f cpu ns/B, server %.2f cpu s/GiB),"
                        + " raw quic %.1f MB/s (%.2f cpu ns/B, server %.2f cpu s/GiB)%n",
                        i + 1, ECHO_MIB, w, wtCpu.get(i), wtServer.get(i), q, quicCpu.get(i), quicServer.get(i));
            }
        }
        System.out.printf(Locale.ROOT, "webtransport echo throughput: %.1f MB/s (median)%n", median(wt));
        System.out.printf(Locale.ROOT, "raw quic echo throughput: %.1f MB/s (median)%n", median(quic));
        System.out.printf(Locale.ROOT, "ratio wt/raw-quic echo: %.2f%n", median(wt) / median(quic));
        System.out.printf(Locale.ROOT, "echo cpu per byte (both ends): webtransport %.2f ns, raw quic %.2f ns; ratio wt/raw-quic echo cpu: %.2f%n",
                median(wtCpu), median(quicCpu), median(wtCpu) / median(quicCpu));
        System.out.printf(Locale.ROOT, "server cpu per GiB echoed: webtransport %.2f s, raw quic %.2f s%n", median(wtServer), median(quicServer));
        System.out.printf(Locale.ROOT, "cpu per GiB wt/raw-quic: %.2f%n", median(wtServer) / median(quicServer));
    }

    /** The round trip of a 100-byte message on an open stream, WebTransport vs raw QUIC: p50, p99 and the p50 ratio. */
    static void roundTripFigures(WebTransportClient client, URI echoUri, RawQuicEcho rawEcho) throws Exception {
        long[] wtRtt = WtEcho.roundTrips(client, echoUri, 5000, 3000);
        long[] rawRtt = rawEcho.roundTrips(5000, 3000);
        System.out.printf(Locale.ROOT, "100-byte round trip on an open stream: webtransport p50 %d us, p99 %d us;"
                + " raw quic p50 %d us, p99 %d us%n", percentile(wtRtt, 50), percentile(wtRtt, 99),
                percentile(rawRtt, 50), percentile(rawRtt, 99));
        System.out.printf(Locale.ROOT, "ratio wt/raw-quic rtt p50: %.2f%n", (double) percentile(wtRtt, 50) / percentile(rawRtt, 50));
    }

    static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    /** MB/s of one bulk upload on a fresh session, measured from the first write to the server's count. */
    static double wtThroughput(WebTransportClient client, URI uri, long total) throws Exception {
        Session session = client.connect(uri, new SessionHandler() { }).get(10, TimeUnit.SECONDS);
        try {
            BidirectionalStream stream = session.openBidirectionalStream().get(10, TimeUnit.SECONDS);
            byte[] chunk = Payload.chunk();
            long start = System.nanoTime();
            WriteWindow window = new WriteWindow();
            for (long off = 0; off < total; off += chunk.length) {
                window.add(stream.writable().write(ByteBuffer.wrap(chunk)));
            }
            window.drain();
            stream.writable().finish();
            ByteBuffer reply = readToEnd(stream.readable());
            long nanos = System.nanoTime() - start;
            long counted = reply.getLong();
            if (counted != total) {
                throw new IllegalStateException("the server counted " + counted + " of " + total + " bytes");
            }
            return total / 1e6 / (nanos / 1e9);
        } finally {
            session.close().get(10, TimeUnit.SECONDS);
        }
    }

    /** Echoed datagrams per second over 3 s, keeping up to 64 unanswered datagrams in flight. */
    static double datagramEchoRate(WebTransportClient client, URI uri) throws Exception {
        Semaphore window = new Semaphore(64);
        AtomicLong echoed = new AtomicLong();
        Session session = client.connect(uri, new SessionHandler() {
            @Override
            public void onDatagram(Session s, ByteBuffer payload) {
                echoed.incrementAndGet();
                window.release();
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            byte[] payload = new byte[64];
            // The first seconds measure the JIT, not the path: the rate climbs from about 12,000/s in
            // the first 3 s to 20,000-24,000/s by the third such period on this machine.
            long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(DATAGRAM_WARM_UP_SECONDS);
            while (System.nanoTime() < warmUpEnd) {
                window.tryAcquire(5, TimeUnit.MILLISECONDS);
                session.sendDatagram(ByteBuffer.wrap(payload));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            long start = System.nanoTime();
            long firstEchoed = echoed.get();
            while (System.nanoTime() < end) {
                // A lost datagram never releases its permit, so wait briefly and then send anyway.
                window.tryAcquire(5, TimeUnit.MILLISECONDS);
                session.sendDatagram(ByteBuffer.wrap(payload));
            }
            return (echoed.get() - firstEchoed) / ((System.nanoTime() - start) / 1e9);
        } finally {
            session.close().get(10, TimeUnit.SECONDS);
        }
    }

    /** Median milliseconds from connect() to an established session, each on a new connection. */
    static double sessionSetupMillis(WebTransportClient client, URI uri) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long start = System.nanoTime();
            Session s = client.connect(uri, new SessionHandler() { }).get(10, TimeUnit.SECONDS);
            double ms = (System.nanoTime() - start) / 1e6;
            s.close().get(10, TimeUnit.SECONDS);
            if (i > 0) {
                times.add(ms); // the first one warms up the code paths
            }
        }
        return median(times);
    }

    /** Reads a stream to its FIN. */
    static ByteBuffer readToEnd(ReceiveStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            ReadResult r = in.read().get(60, TimeUnit.SECONDS);
            ByteBuffer d = r.data();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            out.writeBytes(b);
            if (r.fin()) {
                return ByteBuffer.wrap(out.toByteArray());
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Server side: counts bidi streams to FIN and answers with the count; echoes datagrams. */
    static final class BenchHandler implements SessionHandler {
        @Override
        public void onBidirectionalStream(Session session, BidirectionalStream stream) {
            count(stream.readable(), 0, stream.writable());
        }

        private void count(ReceiveStream in, long n, SendStream reply) {
            in.read().thenAccept(r -> {
                long total = n + r.data().remaining();
                if (r.fin()) {
                    reply.write(ByteBuffer.allocate(8).putLong(total).flip());
                    reply.finish();
                } else {
                    count(in, total, reply);
                }
            });
        }

        @Override
        public void onDatagram(Session session, ByteBuffer payload) {
            session.sendDatagram(payload);
        }
    }
}
