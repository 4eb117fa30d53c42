package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerHandler;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.CongestionControl;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/**
 * Transfers through {@link UdpRelay}: loss, delay and a NAT rebinding between this project's client
 * and server. The sizes here fit the CI budget; {@code -Drelay.bulkBytes=67108864} runs the 64 MiB
 * transfer the README's table reports.
 */
class LossyPathTest {
    static final long BULK_BYTES = Long.getLong("relay.bulkBytes", 16L << 20);
    static final int CHUNK = 64 << 10;

    /** The server, the relay in front of it and a client that talks to the relay. */
    static final class Bench implements AutoCloseable {
        final WebTransportServer server;
        final WebTransportClient client;
        final UdpRelay relay;

        Bench(ServerHandler handler, long seed) throws Exception {
            this(handler, seed, CongestionControl.CUBIC);
        }

        /** Both ends use {@code algorithm}. */
        Bench(ServerHandler handler, long seed, CongestionControl algorithm) throws Exception {
            this(handler, seed, algorithm, Runtime.getRuntime().availableProcessors());
        }

        /** Both ends use {@code algorithm}; the server runs {@code serverLoops} event loops. */
        Bench(ServerHandler handler, long seed, CongestionControl algorithm, int serverLoops) throws Exception {
            server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE).handler(handler)
                    .congestionControl(algorithm).eventLoops(serverLoops).start();
            client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).congestionControl(algorithm).build();
            relay = new UdpRelay(server.port(), seed);
        }

        Session connect(SessionHandler handler) throws Exception {
            URI viaRelay = URI.create("https://localhost:" + relay.port() + "/");
            return client.connect(viaRelay, handler).get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            client.close();
            server.close();
            relay.close();
        }
    }

    /** Writes {@code total} seeded pseudo-random bytes, at most two writes in flight, then FIN; returns their CRC-32. */
    static long sendPattern(BidirectionalStream stream, long total, Runnable halfway) throws Exception {
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[CHUNK];
        long seed = 0x9E3779B97F4A7C15L;
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        for (long off = 0; off < total; off += CHUNK) {
            if (off == total / 2 / CHUNK * CHUNK) {
                halfway.run();
            }
            int n = (int) Math.min(CHUNK, total - off);
            for (int i = 0; i < CHUNK; i += 8) {
                seed ^= seed << 13;
                seed ^= seed >>> 7;
                seed ^= seed << 17;
                ByteBuffer.wrap(chunk, i, 8).putLong(seed);
            }
            crc.update(chunk, 0, n);
            CompletableFuture<Void> write = stream.writable().write(ByteBuffer.wrap(chunk, 0, n));
            previous.get(120, TimeUnit.SECONDS);
            previous = write;
        }
        previous.get(120, TimeUnit.SECONDS);
        stream.writable().finish();
        return crc.getValue();
    }

    /** Sends through the relay and checks the server's count and CRC-32 of what it read. */
    static void transferAndCheck(Bench bench, long total, Runnable halfway) throws Exception {
        Session session = bench.connect(new SessionHandler() { });
        BidirectionalStream stream = session.openBidirectionalStream().get(30, TimeUnit.SECONDS);
        long started = System.nanoTime();
        long crc = sendPattern(stream, total, halfway);
        ByteBuffer reply = ByteBuffer.wrap(readAll(stream.readable()).get(300, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(16, reply.remaining());
        assertEquals(total, reply.getLong(), "bytes counted by the server");
        assertEquals(crc, reply.getLong(), "CRC-32 computed by the server");
        System.out.printf("relay transfer: %d bytes byte-exact in %.1f s (%.2f MB/s); packets dropped to server %d, to client %d%n",
                total, seconds, total / seconds / 1e6, bench.relay.toServer.dropped.get(), bench.relay.toClient.dropped.get());
        session.close();
    }

    @Test
    void aBulkTransferOnOneStreamArrivesByteExactUnderFivePercentLossAnd50msRttWithBbr() throws Exception {
        try (Bench bench = new Bench(r -> ConnectResponse.accept(new BulkTransferTest.CountingSink()), 1, CongestionControl.BBR)) {
            bench.relay.toServer.lossy(0.05, 25);
            bench.relay.toClient.lossy(0.05, 25);
            transferAndCheck(bench, BULK_BYTES, () -> { });
            assertTrue(bench.relay.toServer.dropped.get() > 0, "the relay did drop packets");
        }
    }

    /** CUBIC reads random loss as congestion and crawls (about 0.12 MB/s here), so this one is small. */
    @Test
    void aTransferArrivesByteExactUnderFivePercentLossAnd50msRttWithTheDefaultCubic() throws Exception {
        try (Bench bench = new Bench(r -> ConnectResponse.accept(new BulkTransferTest.CountingSink()), 6)) {
            bench.relay.toServer.lossy(0.05, 25);
            bench.relay.toClient.lossy(0.05, 25);
            transferAndCheck(bench, 512 << 10, () -> { });
        }
    }

    @Test
    void aFinWhoseLastPacketsAreLostStillArrivesUnder100msRtt() throws Exception {
        try (Bench bench = new Bench(r -> ConnectResponse.accept(new EchoHandler()), 2)) {
            bench.relay.toServer.lossy(0, 50);
            bench.relay.toClient.lossy(0, 50);
            Session session = bench.connect(new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(30, TimeUnit.SECONDS);
            stream.writable().write(ByteBuffer.wrap(new byte[1000])).get(10, TimeUnit.SECONDS);
            bench.relay.toServer.dropNext.set(3); // the packets with the last data and the FIN
            stream.writable().write(ByteBuffer.wrap(new byte[500]), true);
            long started = System.nanoTime();
            byte[] echoed = readAll(stream.readable()).get(30, TimeUnit.SECONDS);
            assertEquals(1500, echoed.length, "the echo ends with the FIN, so the server saw ours");
            System.out.printf("FIN after lost last packets, 100 ms RTT: echo complete after %.0f ms%n",
                    (System.nanoTime() - started) / 1e6);
            session.close();
        }
    }

    @Test
    void datagramsUnderFivePercentLossArriveExceptTheLostOnesWhichAreCounted() throws Exception {
        int count = 10_000;
        AtomicInteger received = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Session> atServer = new java.util.concurrent.atomic.AtomicReference<>();
        SessionHandler counting = new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                atServer.set(session);
            }

            @Override
            public void onDatagram(Session session, ByteBuffer payload) {
                received.incrementAndGet();
            }
        };
        // BBR, as in the bulk test: CUBIC reads the random loss as congestion and shrinks its window
        // below this pace, and datagrams past quiche's full send queue are dropped without a trace
        // (Netty reports them written; see the README), which is not the path's loss this test counts.
        try (Bench bench = new Bench(r -> ConnectResponse.accept(counting), 3, CongestionControl.BBR)) {
            bench.relay.toServer.lossy(0.05, 5);
            bench.relay.toClient.lossy(0.05, 5);
            Session session = bench.connect(new SessionHandler() { });
            long overflowsBefore = udpReceiveBufferOverflows();
            for (int i = 0; i < count; i++) {
                session.sendDatagram(ByteBuffer.allocate(100).putInt(0, i)).get(10, TimeUnit.SECONDS);
                if (i % 10 == 9) {
                    Thread.sleep(1); // a pace the queues on the way keep up with: the losses are the path's
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int last = -1;
            while (System.nanoTime() < deadline && received.get() != last) {
                last = received.get();
                Thread.sleep(200); // until the count stops moving
            }
            int lost = count - received.get();
            // A handler that falls behind (a busy machine) loses the oldest past its queue's limit:
            // those are counted apart; the rest were lost on the way.
            long droppedByTheQueue = atServer.get().droppedIncomingDatagrams();
            long overflows = udpReceiveBufferOverflows() - overflowsBefore;
            System.out.printf("datagrams under 5%% loss: %d of %d arrived, %d lost (relay dropped %d packets to the server,"
                            + " the server's queue dropped %d, full socket buffers on this machine dropped %d packets)%n",
                    received.get(), count, lost, bench.relay.toServer.dropped.get(), droppedByTheQueue, overflows);
            assertTrue(lost > 0, "some were lost on a lossy path");
            assertTrue(lost - droppedByTheQueue - overflows < count * 0.10, "no more lost on the way than the path's 5% and some"
                    + " slack: " + lost + " lost, " + droppedByTheQueue + " counted by the queue, " + overflows + " socket-buffer overflows");
            session.close();
        }
    }

    @Test
    void aCloseWithCodeAndReasonReachesTheServerUnderLoss() throws Exception {
        LinkedBlockingQueue<CloseInfo> closes = new LinkedBlockingQueue<>();
        SessionHandler recording = new SessionHandler() {
            @Override
            public void onClosed(Session session, CloseInfo info) {
                closes.add(info);
            }
        };
        try (Bench bench = new Bench(r -> ConnectResponse.accept(recording), 4)) {
            bench.relay.toServer.lossy(0.2, 10);
            bench.relay.toClient.lossy(0.2, 10);
            Session session = bench.connect(new SessionHandler() { });
            session.close(42, "done under loss");
            CloseInfo info = closes.poll(30, TimeUnit.SECONDS);
            assertEquals(CloseInfo.clean(42, "done under loss", false), info, "the server heard the client's code and reason");
        }
    }

    /**
     * On one server event loop, and on two, whose sockets share the port through SO_REUSEPORT: the
     * kernel picks the socket by the client's address and port, so after the rebinding the client's
     * packets reach the other loop's socket about half the time, and must be handed to the loop that
     * owns the connection (LoopRouting) or the session stalls.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} server loop(s)")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void aNatRebindingMidTransferKeepsTheSession(int loops) throws Exception {
        try (Bench bench = new Bench(r -> ConnectResponse.accept(new BulkTransferTest.CountingSink()), 5,
                CongestionControl.CUBIC, loops)) {
            bench.relay.toServer.lossy(0, 5);
            bench.relay.toClient.lossy(0, 5);
            int portBefore = bench.relay.serverFacingPort();
            transferAndCheck(bench, 8L << 20, () -> {
                try {
                    bench.relay.rebind();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(bench.relay.serverFacingPort() != portBefore, "the server saw the client's packets from a new port");
        }
    }

    /**
     * Packets the kernel dropped because a UDP socket's receive buffer was full (Linux's
     * RcvbufErrors, all sockets): on a busy 2-core machine the relay or an endpoint can fall behind,
     * which is the machine's loss, not the path's. 0 where /proc is not there.
     */
    static long udpReceiveBufferOverflows() {
        try {
            List<String> udp = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp")).stream()
                    .filter(l -> l.startsWith("Udp:")).toList();
            List<String> names = List.of(udp.get(0).split("\\s+"));
            return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
