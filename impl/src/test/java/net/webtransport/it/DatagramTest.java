package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.WebTransportServer;
import java.util.concurrent.TimeUnit;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

class DatagramTest {

    @Test
    void datagramsAreEchoedAndTheMaximumSizeIsExposed() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            Session session = loop.connect("/echo", new SessionHandler() {
                @Override
                public void onDatagram(Session s, ByteBuffer payload) {
                    received.add(StandardCharsets.UTF_8.decode(payload).toString());
                }
            });
            int max = session.maxDatagramSize();
            assertTrue(max > 1000 && max < 1500, "max datagram payload for one packet, got " + max);
            // Datagrams are unreliable: send until one echo arrives, but loopback rarely drops.
            String echoed = null;
            for (int i = 0; i < 20 && echoed == null; i++) {
                session.sendDatagram(ByteBuffer.wrap(("dgram-" + i).getBytes(StandardCharsets.UTF_8)));
                echoed = received.poll(250, TimeUnit.MILLISECONDS);
            }
            assertTrue(echoed != null && echoed.startsWith("dgram-"), "an echoed datagram arrived: " + echoed);
            byte[] full = new byte[max];
            full[max - 1] = 7;
            session.sendDatagram(ByteBuffer.wrap(full)).get(5, TimeUnit.SECONDS);
            assertThrows(IllegalArgumentException.class, () -> session.sendDatagram(ByteBuffer.allocate(max + 1)));
            session.close();
        }
    }

    @Test
    void datagramsSentFromSeveralThreadsAtOnceAllCompleteAndArrive() throws Exception {
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        SessionHandler counting = new SessionHandler() {
            @Override
            public void onDatagram(Session s, ByteBuffer payload) {
                seen.add(StandardCharsets.UTF_8.decode(payload).toString());
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(counting))) {
            Session session = loop.connect("/", new SessionHandler() { });
            int threads = 4;
            int each = 250;
            java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(senders.submit(() -> {
                        for (int i = 0; i < each; i++) { // batched with the other threads' datagrams
                            session.sendDatagram(ByteBuffer.wrap((thread + "-" + i).getBytes(StandardCharsets.UTF_8)))
                                    .get(5, TimeUnit.SECONDS);
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS); // every send's future completed normally
                }
            } finally {
                senders.shutdownNow();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (seen.size() < threads * each && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(threads * each, seen.size(), "every datagram arrived once (loopback drops none at this pace)");
        }
    }

    @Test
    void aFullSizeDatagramArrivesIntact() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            LinkedBlockingQueue<ByteBuffer> received = new LinkedBlockingQueue<>();
            Session session = loop.connect("/echo", new SessionHandler() {
                @Override
                public void onDatagram(Session s, ByteBuffer payload) {
                    received.add(payload);
                }
            });
            int max = session.maxDatagramSize();
            byte[] full = new byte[max];
            for (int i = 0; i < max; i++) {
                full[i] = (byte) i;
            }
            ByteBuffer back = null;
            for (int i = 0; i < 20 && back == null; i++) {
                session.sendDatagram(ByteBuffer.wrap(full));
                back = received.poll(250, TimeUnit.MILLISECONDS);
            }
            assertEquals(ByteBuffer.wrap(full), back);
            session.close();
        }
    }

    /**
     * A handler that blocks while the peer floods it holds at most the session's datagram queue: the
     * oldest are dropped and counted, and delivery resumes once the handler returns.
     */
    @Test
    void aFloodAtABlockedHandlerKeepsOnlyTheNewestDatagramsAndCountsTheRest() throws Exception {
        int queue = 16;
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Session> serverSession = new CompletableFuture<>();
        AtomicInteger delivered = new AtomicInteger();
        LinkedBlockingQueue<Integer> afterRelease = new LinkedBlockingQueue<>();
        SessionHandler blocking = new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                serverSession.complete(session);
            }

            @Override
            public void onDatagram(Session session, ByteBuffer payload) {
                delivered.incrementAndGet();
                if (payload.getInt(0) < 0) {
                    afterRelease.add(payload.getInt(0));
                    return;
                }
                try {
                    release.await(); // blocks the session's callbacks while the flood goes on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                     .incomingMaxBufferedDatagrams(queue).handler(r -> ConnectResponse.accept(blocking)).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            Session session = client.connect(URI.create("https://localhost:" + server.port() + "/"),
                    new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            Session atServer = serverSession.get(5, TimeUnit.SECONDS);
            int sent = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (atServer.droppedIncomingDatagrams() < 1000 && System.nanoTime() < deadline) {
                for (int i = 0; i < 100; i++) {
                    session.sendDatagram(ByteBuffer.allocate(1000).putInt(0, sent++)).get(5, TimeUnit.SECONDS);
                }
            }
            assertTrue(atServer.droppedIncomingDatagrams() >= 1000,
                    "datagrams beyond the queue were dropped: " + atServer.droppedIncomingDatagrams() + " of " + sent);
            // Datagrams still on their way would reach the handler after the release and blur the
            // count below: wait until the server's drop count has settled (the flood stopped arriving).
            long settled = -1;
            while (settled != atServer.droppedIncomingDatagrams() && System.nanoTime() < deadline) {
                settled = atServer.droppedIncomingDatagrams();
                Thread.sleep(200);
            }
            release.countDown();
            // The handler catches up on at most the queue, then takes new datagrams again.
            Integer marker = null;
            for (int i = 0; i < 40 && marker == null; i++) {
                session.sendDatagram(ByteBuffer.allocate(4).putInt(0, -1 - i));
                marker = afterRelease.poll(250, TimeUnit.MILLISECONDS);
            }
            assertTrue(marker != null, "delivery resumed after the handler returned");
            assertTrue(delivered.get() <= 1 + queue + 40,
                    "only the blocked datagram, the queue and the markers reached the handler: " + delivered.get());
        }
    }
}
