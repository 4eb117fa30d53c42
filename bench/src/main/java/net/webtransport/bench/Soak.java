package net.webtransport.bench;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerCertificate;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * The soak: for {@code -Dbench.soakMinutes} (default 10), worker threads on several clients open
 * pooled sessions and use each for a random mix of bidirectional echoes (checked by CRC-32),
 * unidirectional uploads (checked by the server's byte count) and datagram echoes, then close it.
 * Prints progress every minute and memory (heap after GC, direct) after a warm-up and at the end,
 * once every session is closed: what grows between the two is what a long-running server leaks.
 * Run with {@code -Dbench.parts=soak}; not part of the default bench or of CI.
 */
final class Soak {
    static final int CLIENTS = 4;
    static final int WORKERS_PER_CLIENT = 4;

    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong bytesEchoed = new AtomicLong();
    private final AtomicLong bytesUploaded = new AtomicLong();
    private final AtomicLong datagramsSent = new AtomicLong();
    private final AtomicLong datagramsEchoed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** Bytes the server counted on unidirectional streams, to compare with what the clients sent. */
    private final AtomicLong serverUploadBytes = new AtomicLong();
    /** Upload bytes the server has read to the end, per session (its path names it): a client waits for them before it closes. */
    private final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> uploadsBySession = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicInteger serverSessions = new AtomicInteger();
    private volatile boolean stopping;

    static void run(ServerCertificate cert, double minutes) throws Exception {
        new Soak().soak(cert, minutes);
    }

    private void soak(ServerCertificate cert, double minutes) throws Exception {
        long durationNanos = (long) (minutes * 60e9);
        try (WebTransportServer server = WebTransportServer.builder().certificate(cert)
                .handler(r -> ConnectResponse.accept(new Handler(r.path()))).start()) {
            String base = "https://127.0.0.1:" + server.port() + "/soak/";
            List<WebTransportClient> clients = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                WebTransportClient client = WebTransportClient.builder().trust(cert.leaf()).build();
                clients.add(client);
                for (int w = 0; w < WORKERS_PER_CLIENT; w++) {
                    long seed = c * 1000L + w;
                    Thread t = new Thread(() -> work(client, base, new Random(seed)), "soak-worker-" + c + "-" + w);
                    t.setDaemon(true);
                    workers.add(t);
                    t.start();
                }
            }
            long started = System.nanoTime();
            long warmUp = Math.min(TimeUnit.SECONDS.toNanos(30), durationNanos / 10);
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(warmUp));
            long[] start = memory();
            System.out.printf(Locale.ROOT, "soak start (after %.0f s warm-up): heap %.1f MiB, direct %.1f MiB (JDK) + %.1f MiB (Netty)%n",
                    warmUp / 1e9, mib(start[0]), mib(start[1]), mib(start[2]));
            long nextReport = started + TimeUnit.MINUTES.toNanos(1);
            while (System.nanoTime() - started < durationNanos) {
                Thread.sleep(200);
                if (System.nanoTime() >= nextReport) {
                    nextReport += TimeUnit.MINUTES.toNanos(1);
                    progress(started, server);
                }
            }
            stopping = true;
            for (Thread t : workers) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (serverSessions.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long[] end = memory();
            progress(started, server);
            System.out.printf(Locale.ROOT, "soak end: heap %.1f MiB, direct %.1f MiB (JDK) + %.1f MiB (Netty); "
                            + "growth heap %+.1f MiB, direct %+.1f MiB; server sessions left %d, server buffered bytes %d%n",
                    mib(end[0]), mib(end[1]), mib(end[2]), mib(end[0] - start[0]), mib(end[1] + end[2] - start[1] - start[2]),
                    serverSessions.get(), server.bufferedReceiveBytes());
            System.out.printf(Locale.ROOT, "soak uploads: clients sent %d bytes on unidirectional streams, the server counted %d%n",
                    bytesUploaded.get(), serverUploadBytes.get());
            clients.forEach(WebTransportClient::close);
        }
    }

    private void progress(long started, WebTransportServer server) {
        long[] now = memoryWithoutGc();
        System.out.printf(Locale.ROOT, "soak %4.1f min: %d sessions, %d streams, %.0f MiB echoed byte-exact, %.0f MiB uploaded,"
                        + " datagrams %d sent / %d echoed, %d failures; %d connections; heap %.0f MiB, direct %.1f MiB%n",
                (System.nanoTime() - started) / 60e9, sessions.get(), streams.get(), mib(bytesEchoed.get()), mib(bytesUploaded.get()),
                datagramsSent.get(), datagramsEchoed.get(), failures.get(), server.connectionCount(), mib(now[0]), mib(now[1] + now[2]));
    }

    /** One worker: session after session, each used for a few random operations, until the soak stops. */
    private void work(WebTransportClient client, String base, Random random) {
        while (!stopping) {
            LinkedBlockingQueue<ByteBuffer> inbox = new LinkedBlockingQueue<>();
            String path = "/soak/" + sessionIds.incrementAndGet();
            AtomicLong uploaded = new AtomicLong();
            uploadsBySession.put(path, new AtomicLong());
            Session session = null;
            try {
                session = client.connect(URI.create(base.replace("/soak/", path)), ConnectOptions.DEFAULT.withPooling(true), new SessionHandler() {
                    @Override
                    public void onDatagram(Session s, ByteBuffer payload) {
                        inbox.add(payload);
                    }
                }).get(10, TimeUnit.SECONDS);
                sessions.incrementAndGet();
                int operations = 1 + random.nextInt(10);
                for (int i = 0; i < operations; i++) {
                    switch (random.nextInt(3)) {
                        case 0 -> bidiEcho(session, random);
                        case 1 -> uploaded.addAndGet(upload(session, random));
                        default -> datagrams(session, inbox, random);
                    }
                }
                awaitUploads(path, uploaded.get());
                session.close().get(10, TimeUnit.SECONDS);
                session.closed().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (failures.incrementAndGet() <= 5) {
                    System.out.println("soak failure: " + e);
                    for (StackTraceElement el : e.getStackTrace()) {
                        if (el.getClassName().contains("Soak")) {
                            System.out.println("    at " + el);
                        }
                    }
                }
                if (session != null) {
                    session.close();
                }
            } finally {
                uploadsBySession.remove(path);
            }
        }
    }

    /**
     * Closing a session resets its streams, so a client waits until the server has read its uploads
     * to the end before it closes; the count must then match byte for byte.
     */
    private void awaitUploads(String path, long sent) throws Exception {
        AtomicLong received = uploadsBySession.get(path);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < sent && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        if (received.get() != sent) {
            throw new IllegalStateException("the server read " + received.get() + " of the " + sent + " bytes uploaded");
        }
    }

    private void bidiEcho(Session session, Random random) throws Exception {
        byte[] data = new byte[random.nextInt(256 * 1024)];
        random.nextBytes(data);
        BidirectionalStream stream = session.openBidirectionalStream().get(10, TimeUnit.SECONDS);
        java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
        CompletableFuture<Void> echoed = readToEnd(stream.readable(), back);
        stream.writable().write(ByteBuffer.wrap(data), true).get(30, TimeUnit.SECONDS);
        try {
            echoed.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            int got;
            synchronized (back) {
                got = back.size();
            }
            throw new IllegalStateException("the echo of " + data.length + " bytes stalled after " + got + " bytes came back", e);
        }
        ByteBuffer echo = ByteBuffer.wrap(back.toByteArray());
        if (!echo.equals(ByteBuffer.wrap(data)) || crc(echo) != crc(ByteBuffer.wrap(data))) {
            throw new IllegalStateException("the echo of " + data.length + " bytes differs");
        }
        streams.incrementAndGet();
        bytesEchoed.addAndGet(data.length);
    }

    /** Reads {@code in} to its FIN into {@code out} without holding a thread. */
    private static CompletableFuture<Void> readToEnd(ReceiveStream in, java.io.ByteArrayOutputStream out) {
        return in.read().thenCompose(r -> {
            ByteBuffer d = r.data();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            synchronized (out) {
                out.writeBytes(b);
            }
            return r.fin() ? CompletableFuture.completedFuture(null) : readToEnd(in, out);
        });
    }

    private long upload(Session session, Random random) throws Exception {
        SendStream stream = session.openUnidirectionalStream().get(10, TimeUnit.SECONDS);
        int size = random.nextInt(128 * 1024);
        stream.write(ByteBuffer.allocate(size), true).get(30, TimeUnit.SECONDS);
        streams.incrementAndGet();
        bytesUploaded.addAndGet(size);
        return size;
    }

    private void datagrams(Session session, LinkedBlockingQueue<ByteBuffer> inbox, Random random) throws Exception {
        int count = 1 + random.nextInt(20);
        for (int i = 0; i < count; i++) {
            session.sendDatagram(ByteBuffer.allocate(1 + random.nextInt(Math.max(1, session.maxDatagramSize()))));
            datagramsSent.incrementAndGet();
        }
        for (int i = 0; i < count; i++) {
            if (inbox.poll(100, TimeUnit.MILLISECONDS) == null) {
                break; // datagrams may be lost; the count shows how many came back
            }
            datagramsEchoed.incrementAndGet();
        }
    }

    private static long crc(ByteBuffer data) {
        CRC32 crc = new CRC32();
        crc.update(data.duplicate());
        return crc.getValue();
    }

    /** Server: echoes bidi streams and datagrams, counts unidirectional uploads. */
    private final class Handler extends WtEcho.Server {
        private final String path;

        Handler(String path) {
            this.path = path;
        }

        @Override
        public void onOpen(Session session) {
            serverSessions.incrementAndGet();
        }

        @Override
        public void onUnidirectionalStream(Session session, ReceiveStream stream) {
            count(stream);
        }

        private void count(ReceiveStream stream) {
            stream.read().thenAccept(r -> {
                int n = r.data().remaining();
                serverUploadBytes.addAndGet(n);
                AtomicLong bySession = uploadsBySession.get(path);
                if (bySession != null) {
                    bySession.addAndGet(n);
                }
                if (!r.fin()) {
                    count(stream);
                }
            });
        }

        @Override
        public void onDatagram(Session session, ByteBuffer payload) {
            session.sendDatagram(payload);
        }

        @Override
        public void onClosed(Session session, CloseInfo info) {
            serverSessions.decrementAndGet();
        }
    }

    /** Heap used after a GC, the JDK's direct buffers and the direct memory Netty allocated itself, in bytes. */
    static long[] memory() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memoryWithoutGc();
    }

    static long[] memoryWithoutGc() {
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return new long[] {heap, direct, io.netty.util.internal.PlatformDependent.usedDirectMemory()};
    }

    static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }
}
