package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import net.webtransport.client.WebTransportClient;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.WebTransportException;
import org.junit.jupiter.api.Test;

/** What clients and the server see when the other side, or the application's own handler, fails. */
class FaultTest {

    /** A handler that reads and discards every incoming bidi stream, counting the bytes. */
    static final class Sink implements SessionHandler {
        final AtomicLong received = new AtomicLong();

        @Override
        public void onBidirectionalStream(Session session, BidirectionalStream stream) {
            drain(stream.readable());
        }

        private void drain(ReceiveStream stream) {
            stream.read().whenComplete((r, e) -> {
                if (e == null) {
                    received.addAndGet(r.data().remaining());
                    if (!r.fin()) {
                        drain(stream);
                    }
                }
            });
        }
    }

    /** Writes 64 KiB chunks until a write fails; completes with that failure. */
    static CompletableFuture<Throwable> writeUntilFailure(SendStream stream) {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        writeLoop(stream, failure);
        return failure;
    }

    private static void writeLoop(SendStream stream, CompletableFuture<Throwable> failure) {
        stream.write(ByteBuffer.allocate(64 * 1024)).whenComplete((v, e) -> {
            if (e != null) {
                failure.complete(e instanceof java.util.concurrent.CompletionException ? e.getCause() : e);
            } else {
                writeLoop(stream, failure);
            }
        });
    }

    static void await(BooleanSupplier condition, Duration within, String what) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void whenTheServerStopsMidTransferEveryClientSeesAnAbruptCloseAndEveryPendingOperationFails() throws Exception {
        int clientCount = 5;
        Sink sink = new Sink();
        WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .handler(r -> ConnectResponse.accept(sink)).start();
        List<WebTransportClient> clients = new ArrayList<>();
        try {
            URI uri = URI.create("https://localhost:" + server.port() + "/");
            List<Session> sessions = new ArrayList<>();
            List<CompletableFuture<Throwable>> writeFailures = new ArrayList<>();
            List<CompletableFuture<?>> pendingReads = new ArrayList<>();
            for (int i = 0; i < clientCount; i++) {
                WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build();
                clients.add(client);
                Session session = client.connect(uri, new SessionHandler() {
                }).get(10, TimeUnit.SECONDS);
                sessions.add(session);
                BidirectionalStream stream = session.openBidirectionalStream().get(10, TimeUnit.SECONDS);
                writeFailures.add(writeUntilFailure(stream.writable()));
                pendingReads.add(stream.readable().read()); // the sink never answers: this read waits
            }
            await(() -> sink.received.get() > clientCount * (1L << 20), Duration.ofSeconds(20), "transfers under way");

            long[] sawClose = new long[clientCount];
            for (int i = 0; i < clientCount; i++) {
                int client = i;
                sessions.get(i).closed().whenComplete((info, e) -> sawClose[client] = System.nanoTime());
            }
            long stopped = System.nanoTime();
            server.close();
            double closeMillis = (System.nanoTime() - stopped) / 1e6;

            for (int i = 0; i < clientCount; i++) {
                CloseInfo info = sessions.get(i).closed().get(5, TimeUnit.SECONDS);
                assertFalse(info.clean(), "the session ended abruptly: " + info);
                assertFalse(info.local(), "the server ended it: " + info);
                Throwable writeFailure = writeFailures.get(i).get(5, TimeUnit.SECONDS);
                assertInstanceOf(WebTransportException.class, writeFailure, "the blocked write fails with a WebTransport error");
                CompletableFuture<?> read = pendingReads.get(i);
                ExecutionException readFailure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> read.get(5, TimeUnit.SECONDS));
                assertInstanceOf(WebTransportException.class, readFailure.getCause(), "the pending read fails too");
                assertFalse(sessions.get(i).isOpen());
            }
            System.out.printf("server stopped mid-transfer: close() returned after %.0f ms; the clients saw the close after %s ms (%s)%n",
                    closeMillis, java.util.Arrays.stream(sawClose).mapToObj(t -> String.format("%.0f", (t - stopped) / 1e6))
                            .collect(java.util.stream.Collectors.joining(", ")), sessions.get(0).closed().get());
        } finally {
            clients.forEach(WebTransportClient::close);
            server.close();
        }
    }

    @Test
    void whenTheServerFallsSilentTheClientEndsTheSessionAtItsIdleTimeout() throws Exception {
        Sink sink = new Sink();
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .handler(r -> ConnectResponse.accept(sink)).start();
             UdpRelay relay = new UdpRelay(server.port(), 7);
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf())
                     .idleTimeout(Duration.ofSeconds(1)).build()) {
            Session session = client.connect(URI.create("https://localhost:" + relay.port() + "/"), new SessionHandler() {
            }).get(10, TimeUnit.SECONDS);
            BidirectionalStream stream = session.openBidirectionalStream().get(10, TimeUnit.SECONDS);
            CompletableFuture<Throwable> writeFailure = writeUntilFailure(stream.writable());
            await(() -> sink.received.get() > 1 << 20, Duration.ofSeconds(20), "transfer under way");

            relay.toClient.loss = 1; // the server's host is gone: not one more packet comes back
            relay.toServer.loss = 1;
            long silent = System.nanoTime();

            CloseInfo info = session.closed().get(10, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - silent) / 1e9;
            assertFalse(info.clean(), "an idle timeout is an abrupt end: " + info);
            assertTrue(info.reason().contains("idle timeout"), "the reason says why: " + info);
            assertInstanceOf(WebTransportException.class, writeFailure.get(5, TimeUnit.SECONDS));
            assertTrue(seconds < 5, "ended within a few idle timeouts, not " + seconds + " s");
            System.out.printf("server silent: the client ended the session after %.1f s (idle timeout 1 s): %s%n", seconds, info);
        }
    }

    @Test
    void aClientThatVanishesLeavesNothingOnTheServerOnceTheIdleTimeoutPasses() throws Exception {
        AtomicInteger open = new AtomicInteger();
        CompletableFuture<CloseInfo> serverSawClose = new CompletableFuture<>();
        SessionHandler tracked = new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                open.incrementAndGet();
            }

            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                // Read nothing: the stream's bytes stay buffered, charged to the server's budget.
            }

            @Override
            public void onClosed(Session session, CloseInfo info) {
                open.decrementAndGet();
                serverSawClose.complete(info);
            }
        };
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .idleTimeout(Duration.ofSeconds(1)).handler(r -> ConnectResponse.accept(tracked)).start();
             UdpRelay relay = new UdpRelay(server.port(), 11);
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            Session session = client.connect(URI.create("https://localhost:" + relay.port() + "/"), new SessionHandler() {
            }).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                SendStream unread = session.openBidirectionalStream().get(10, TimeUnit.SECONDS).writable();
                unread.write(ByteBuffer.allocate(16 * 1024));
            }
            await(() -> server.bufferedReceiveBytes() >= 4 * 16 * 1024, Duration.ofSeconds(10), "the server buffered the streams");
            assertEquals(1, server.connectionCount());

            relay.toServer.loss = 1; // the client's machine is unplugged: it sends nothing more, not even a close
            relay.toClient.loss = 1;
            long vanished = System.nanoTime();

            CloseInfo info = serverSawClose.get(10, TimeUnit.SECONDS);
            await(() -> server.connectionCount() == 0, Duration.ofSeconds(5), "the connection is released");
            double seconds = (System.nanoTime() - vanished) / 1e9;
            assertFalse(info.clean(), "the server ended the session abruptly: " + info);
            assertTrue(info.reason().contains("idle timeout"), "the reason says why: " + info);
            assertEquals(0, open.get(), "no session is left open");
            assertEquals(0, server.bufferedReceiveBytes(), "the unread stream bytes were released");
            System.out.printf("client vanished: the server released its session, streams and %s in %.1f s (idle timeout 1 s)%n",
                    "buffers", seconds);
        }
    }

    @Test
    void aHandlerThatThrowsEndsItsSessionWithH3InternalErrorAndTheServerKeepsServing() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(
                r.path().equals("/throws") ? new EchoHandler() {
                    @Override
                    public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                        throw new IllegalStateException("a bug in the application");
                    }
                } : new EchoHandler()))) {
            Session broken = loop.connect("/throws", new SessionHandler() {
            });
            Session healthy = loop.connect("/echo", new SessionHandler() {
            }); // on the same pooled connection or not, it must not be affected
            broken.openBidirectionalStream().get(10, TimeUnit.SECONDS).writable().write(Loopback.utf8("hello"), true);

            CloseInfo info = broken.closed().get(5, TimeUnit.SECONDS);
            assertFalse(info.clean());
            assertEquals(ErrorCodes.H3_INTERNAL_ERROR, info.errorCode(), "the session ends with H3_INTERNAL_ERROR: " + info);

            assertTrue(healthy.isOpen(), "the other session lives on");
            assertArrayEquals("still here".getBytes(), echo(healthy, "still here"));
            Session later = loop.connect("/echo", new SessionHandler() {
            });
            assertArrayEquals("and new ones".getBytes(), echo(later, "and new ones"));
        }
    }

    @Test
    void aHandlerThatBlocksForeverHoldsUpOnlyItsOwnSession() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(
                r.path().equals("/blocks") ? new EchoHandler() {
                    @Override
                    public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                        blocked.countDown();
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                } : new EchoHandler()))) {
            Session stuck = loop.connect("/blocks", new SessionHandler() {
            });
            stuck.openBidirectionalStream().get(10, TimeUnit.SECONDS).writable().write(Loopback.utf8("x"), true);
            assertTrue(blocked.await(5, TimeUnit.SECONDS), "the handler is blocked");

            List<CompletableFuture<Void>> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String text = "session " + i;
                others.add(loop.client.connect(loop.uri("/echo"), new SessionHandler() {
                }).thenCompose(s -> s.openBidirectionalStream().thenCompose(b -> {
                    b.writable().write(Loopback.utf8(text), true);
                    return readAll(b.readable());
                })).thenAccept(bytes -> assertEquals(text, Loopback.utf8(bytes))));
            }
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertTrue(stuck.isOpen(), "the blocked session is not closed either");
        } finally {
            never.countDown();
        }
    }

    private static byte[] echo(Session session, String text) throws Exception {
        BidirectionalStream stream = session.openBidirectionalStream().get(10, TimeUnit.SECONDS);
        stream.writable().write(Loopback.utf8(text), true);
        return readAll(stream.readable()).get(10, TimeUnit.SECONDS);
    }
}
