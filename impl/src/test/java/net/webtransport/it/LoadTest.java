package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** Many sessions at once, and many in a row, against one server. */
class LoadTest {
    static final int CONNECTIONS = 100;
    static final int SESSIONS_PER_CONNECTION = 10;

    /** Collects the datagrams a session receives. */
    static final class DatagramInbox implements SessionHandler {
        final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

        @Override
        public void onDatagram(Session session, ByteBuffer payload) {
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            received.add(b);
        }
    }

    /** Echoes {@code payload} on a new bidi stream and as a datagram (resent until one comes back). */
    static CompletableFuture<Void> echoBoth(Session session, DatagramInbox inbox, byte[] payload) {
        CompletableFuture<Void> stream = session.openBidirectionalStream().thenCompose(s -> {
            s.writable().write(ByteBuffer.wrap(payload), true);
            return readAll(s.readable());
        }).thenAccept(echoed -> assertArrayEquals(payload, echoed, "stream echo"));
        CompletableFuture<Void> datagram = CompletableFuture.runAsync(() -> {
            try {
                for (int attempt = 0; attempt < 50; attempt++) {
                    session.sendDatagram(ByteBuffer.wrap(payload));
                    byte[] back = inbox.received.poll(200, TimeUnit.MILLISECONDS);
                    if (back != null) {
                        assertArrayEquals(payload, back, "datagram echo");
                        return;
                    }
                }
                throw new AssertionError("no datagram came back after 50 tries");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, DATAGRAM_WAITERS);
        return CompletableFuture.allOf(stream, datagram);
    }

    static final ExecutorService DATAGRAM_WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "load-datagram-waiter");
        t.setDaemon(true);
        return t;
    });

    /** Sessions the echo server holds open now. */
    static final AtomicInteger SERVER_SESSIONS = new AtomicInteger();

    static WebTransportServer echoServer() throws Exception {
        return WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .maxSessionsPerConnection(SESSIONS_PER_CONNECTION)
                .handler(r -> ConnectResponse.accept(new EchoHandler() {
                    @Override
                    public void onOpen(Session session) {
                        SERVER_SESSIONS.incrementAndGet();
                    }

                    @Override
                    public void onClosed(Session session, CloseInfo info) {
                        SERVER_SESSIONS.decrementAndGet();
                    }
                })).start();
    }

    @Test
    void aThousandConcurrentSessionsOverAHundredConnectionsAllEchoOnAStreamAndWithDatagrams() throws Exception {
        ExecutorService shared = Executors.newFixedThreadPool(16);
        List<WebTransportClient> clients = new ArrayList<>();
        try (WebTransportServer server = echoServer()) {
            URI uri = URI.create("https://localhost:" + server.port() + "/");
            long started = System.nanoTime();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            List<Session> sessions = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                // One client per connection: a client pools its sessions to one host on one connection.
                WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).executor(shared).build();
                clients.add(client);
                for (int s = 0; s < SESSIONS_PER_CONNECTION; s++) {
                    DatagramInbox inbox = new DatagramInbox();
                    byte[] payload = ("session " + c + "/" + s).getBytes();
                    all.add(client.connect(uri, ConnectOptions.DEFAULT.withPooling(true), inbox).thenCompose(session -> {
                        synchronized (sessions) {
                            sessions.add(session);
                        }
                        return echoBoth(session, inbox, payload);
                    }));
                }
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            double millis = (System.nanoTime() - started) / 1e6;
            assertEquals(CONNECTIONS * SESSIONS_PER_CONNECTION, sessions.size());
            for (WebTransportClient client : clients) {
                assertEquals(1, client.connectionCount(), "each client carried its sessions on one connection");
            }
            System.out.printf("load: %d sessions over %d connections established and echoed (stream + datagram) in %.0f ms%n",
                    sessions.size(), CONNECTIONS, millis);
        } finally {
            clients.forEach(WebTransportClient::close);
            shared.shutdownNow();
        }
    }

    @Test
    void tenThousandSessionsOpenedUsedAndClosedInSequenceLeaveMemoryFlat() throws Exception {
        int total = Integer.getInteger("load.sequentialSessions", 10_000);
        try (WebTransportServer server = echoServer();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            URI uri = URI.create("https://localhost:" + server.port() + "/");
            byte[] payload = new byte[1000];
            Arrays.fill(payload, (byte) 3);
            long[] before = null;
            long started = System.nanoTime();
            for (int i = 0; i < total; i++) {
                if (i == total / 10) {
                    before = memory(); // after a warm-up that fills caches and pools
                }
                DatagramInbox inbox = new DatagramInbox();
                Session session = client.connect(uri, ConnectOptions.DEFAULT.withPooling(true), inbox).get(10, TimeUnit.SECONDS);
                echoBoth(session, inbox, payload).get(10, TimeUnit.SECONDS);
                session.close();
                session.closed().get(10, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            awaitServerSessions(0);
            long[] after = memory();
            if (Boolean.getBoolean("load.histogram")) {
                histogram();
            }
            System.out.printf("sequential: %d sessions in %.1f s; heap %.1f -> %.1f MiB, direct (JDK) %.1f -> %.1f MiB,"
                            + " Netty direct %.1f -> %.1f MiB%n", total, seconds,
                    mib(before[0]), mib(after[0]), mib(before[1]), mib(after[1]), mib(before[2]), mib(after[2]));
            assertTrue(after[0] - before[0] < 16L << 20, "heap grew by " + mib(after[0] - before[0]) + " MiB");
            assertTrue(after[1] + after[2] - before[1] - before[2] < 8L << 20,
                    "direct memory grew by " + mib(after[1] + after[2] - before[1] - before[2]) + " MiB");
        }
    }

    static void awaitServerSessions(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (SERVER_SESSIONS.get() != n) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the server still holds " + SERVER_SESSIONS.get() + " sessions");
            }
            Thread.sleep(20);
        }
    }

    /** Heap used after a GC, the JDK's direct buffers, and the direct memory Netty allocated itself, in bytes. */
    static long[] memory() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long netty = io.netty.util.internal.PlatformDependent.usedDirectMemory();
        return new long[] {heap, direct, netty};
    }

    /** Prints the live-object histogram's top lines, for hunting what grows. */
    static void histogram() throws Exception {
        javax.management.ObjectName name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(name, "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        text.lines().limit(40).forEach(System.out::println);
    }

    static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }
}
