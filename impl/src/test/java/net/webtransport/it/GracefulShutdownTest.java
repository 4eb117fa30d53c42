package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** Draining and graceful shutdown end to end: GOAWAY, WT_DRAIN_SESSION and {@code close(grace)}. */
class GracefulShutdownTest {

    /** Opens a bidi stream, sends {@code text} with FIN and returns what the echo sent back. */
    static String echo(Session session, String text) throws Exception {
        BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
        s.writable().write(utf8(text));
        s.writable().finish();
        return utf8(readAll(s.readable()).get(5, TimeUnit.SECONDS));
    }

    /** A client handler that records the datagrams coming back. */
    static final class DatagramRecorder implements SessionHandler {
        final CompletableFuture<ByteBuffer> datagram = new CompletableFuture<>();

        @Override
        public void onDatagram(Session session, ByteBuffer payload) {
            datagram.complete(payload);
        }
    }

    @Test
    void closeWithGraceDrainsSessionsThatKeepWorkingAndEndsWhenTheClientsCloseThem() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            DatagramRecorder recorder = new DatagramRecorder();
            Session session = loop.connect("/", recorder);
            CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> loop.server.close(Duration.ofSeconds(20)));

            session.draining().get(5, TimeUnit.SECONDS);
            assertEquals("still echoing", echo(session, "still echoing"), "streams keep working while draining");
            while (!recorder.datagram.isDone()) { // datagrams may be lost; keep sending until one is echoed
                session.sendDatagram(utf8("ping")).get(5, TimeUnit.SECONDS);
                try {
                    recorder.datagram.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException retry) {
                    // send another
                }
            }
            assertEquals(ByteBuffer.wrap("ping".getBytes()), recorder.datagram.get());
            assertFalse(shutdown.isDone(), "the server waits for the open session");

            long start = System.nanoTime();
            session.close(77, "done draining").get(5, TimeUnit.SECONDS);
            assertTrue(shutdown.get(10, TimeUnit.SECONDS), "every session ended within the grace period");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "close(grace) returns once the sessions ended");
            CloseInfo info = session.closed().get(5, TimeUnit.SECONDS);
            assertTrue(info.clean());
            assertEquals(77, info.errorCode());
        }
    }

    @Test
    void aSessionTheServerClosesDuringTheShutdownReachesTheClientAsACleanCloseBeforeTheConnectionGoes() throws Exception {
        BlockingQueue<Session> serverSessions = new LinkedBlockingQueue<>();
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler() {
            @Override
            public void onOpen(Session session) {
                serverSessions.add(session);
            }
        }))) {
            for (int round = 0; round < 5; round++) {
                Session session = loop.connect("/", new SessionHandler() { });
                Session server = serverSessions.poll(5, TimeUnit.SECONDS);
                server.goAway();
                session.draining().get(5, TimeUnit.SECONDS);
                server.close(5, "server done"); // the last session: the connection closes right after it
                CloseInfo info = session.closed().get(5, TimeUnit.SECONDS);
                assertTrue(info.clean(), "round " + round + ": " + info);
                assertEquals(5, info.errorCode());
                assertEquals("server done", info.reason());
            }
        }
    }

    @Test
    void closeWithGraceGivesUpAfterTheGracePeriodAndClosesWhatIsLeft() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            Session session = loop.connect("/", new SessionHandler() { });
            long start = System.nanoTime();
            assertFalse(loop.server.close(Duration.ofMillis(300)), "the client never closed its session");
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
            CloseInfo info = session.closed().get(5, TimeUnit.SECONDS);
            assertFalse(info.clean(), "the session ended with its connection");
            assertTrue(session.draining().isDone(), "it had been asked to drain first");
        }
    }

    @Test
    void aServerWithoutSessionsShutsDownAtOnce() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            Session session = loop.connect("/", new SessionHandler() { });
            session.close().get(5, TimeUnit.SECONDS);
            long start = System.nanoTime();
            assertTrue(loop.server.close(Duration.ofSeconds(20)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void goAwayDrainsTheConnectionsSessionsAndNewSessionsGoToAFreshConnection() throws Exception {
        SessionHandler goesAway = new EchoHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                session.goAway();
                super.onBidirectionalStream(session, stream);
            }
        };
        try (Loopback loop = new Loopback(r -> r.path().equals("/away") ? ConnectResponse.accept(goesAway)
                : ConnectResponse.accept(new EchoHandler()))) {
            ConnectOptions pooled = ConnectOptions.DEFAULT.withPooling(true);
            Session first = loop.client.connect(loop.uri("/away"), pooled, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            Session sibling = loop.client.connect(loop.uri("/"), pooled, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            assertEquals(1, loop.server.connectionCount(), "both pooled sessions share one connection");

            assertEquals("trigger", echo(first, "trigger"));
            first.draining().get(5, TimeUnit.SECONDS);
            sibling.draining().get(5, TimeUnit.SECONDS);
            assertEquals("sibling still works", echo(sibling, "sibling still works"));

            Session fresh = loop.client.connect(loop.uri("/"), pooled, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            assertEquals(2, loop.server.connectionCount(), "no new session on a connection after GOAWAY");
            assertEquals("fresh", echo(fresh, "fresh"));
            assertFalse(fresh.draining().isDone());

            first.close().get(5, TimeUnit.SECONDS);
            sibling.close().get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (loop.server.connectionCount() != 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, loop.server.connectionCount(), "the drained connection closed once its sessions ended");
        }
    }

    @Test
    void aClientCannotSendGoAway() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            Session session = loop.connect("/", new SessionHandler() { });
            assertThrows(IllegalStateException.class, session::goAway);
        }
    }

    @Test
    void aServerShuttingDownRefusesNewConnections() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            Session session = loop.connect("/", new SessionHandler() { });
            CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> loop.server.close(Duration.ofSeconds(20)));
            session.draining().get(5, TimeUnit.SECONDS);
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> loop.client.connect(loop.uri("/"), new SessionHandler() { }).get(10, TimeUnit.SECONDS));
            assertTrue(refused.getCause().getMessage() != null);
            session.close().get(5, TimeUnit.SECONDS);
            assertTrue(shutdown.get(10, TimeUnit.SECONDS));
        }
    }
}
