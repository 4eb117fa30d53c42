package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.nio.ByteBuffer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.StreamResetException;
import net.webtransport.transport.StreamStoppedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResetTest {

    /**
     * A server that reports when a stream reached it and how reading it ended. A stream reset
     * before its header arrives never reaches the application (it cannot be tied to a session),
     * so the tests reset only once the server has the stream.
     */
    static Loopback serverReporting(CompletableFuture<Void> arrived, CompletableFuture<Throwable> readFailure)
            throws Exception {
        SessionHandler server = new SessionHandler() {
            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                arrived.complete(null);
                readAll(stream).whenComplete((b, e) -> readFailure.complete(e));
            }
        };
        return new Loopback(r -> ConnectResponse.accept(server));
    }

    /** How the server's read of a client uni stream failed once the client reset it with {@code reset}. */
    static StreamResetException resetSeenByTheServer(java.util.function.Consumer<SendStream> reset) throws Exception {
        CompletableFuture<Void> arrived = new CompletableFuture<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        try (Loopback loop = serverReporting(arrived, failure)) {
            Session session = loop.connect("/", new SessionHandler() { });
            SendStream out = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            out.write(utf8("partial")).get(5, TimeUnit.SECONDS);
            arrived.get(5, TimeUnit.SECONDS);
            reset.accept(out);
            return assertInstanceOf(StreamResetException.class, failure.get(5, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(longs = {0, 1, 0x1d, 0x1e, 0xffffffffL})
    void aResetStreamCodeArrivesUnchangedAtThePeer(long code) throws Exception {
        assertEquals(code, resetSeenByTheServer(out -> out.reset(code)).errorCode());
    }

    @ParameterizedTest(name = "HTTP/3 code {0}")
    @ValueSource(longs = {0x10c, 0x52e4a40fa8dbL + 7, (1L << 62) - 1})
    void aRawHttp3ResetCodeArrivesAsSentAndMapsBackOnlyInsideTheWebTransportRange(long http3Code) throws Exception {
        StreamResetException reset = resetSeenByTheServer(out -> out.resetWithHttp3Code(http3Code));
        assertEquals(http3Code, reset.http3ErrorCode());
        long expected = http3Code == 0x52e4a40fa8dbL + 7 ? 7 : StreamResetException.NO_CODE;
        assertEquals(expected, reset.errorCode());
    }

    @Test
    void aRawCodeOutsideQuicsRangeIsRefused() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new SessionHandler() { }))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            assertThrows(IllegalArgumentException.class, () -> stream.writable().resetWithHttp3Code(1L << 62));
            assertThrows(IllegalArgumentException.class, () -> stream.readable().stopSendingWithHttp3Code(-1));
        }
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(longs = {0, 0xffffffffL})
    void aServerResetIsSeenByTheClientReaderWithItsCode(long code) throws Exception {
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                stream.writable().write(utf8("some")).thenRun(() -> stream.writable().reset(code));
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            stream.writable().write(utf8("go"));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> readAll(stream.readable()).get(5, TimeUnit.SECONDS));
            assertEquals(code, assertInstanceOf(StreamResetException.class, e.getCause()).errorCode());
        }
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(longs = {0, 0xffffffffL})
    void stopSendingFromTheServerFailsTheClientsWrites(long code) throws Exception {
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                stream.readable().stopSending(code);
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            CompletableFuture<Throwable> clientFailure = new CompletableFuture<>();
            writeUntilFailure(stream.writable(), clientFailure, 0);
            assertInstanceOf(StreamStoppedException.class, clientFailure.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(longs = {0, 0xffffffffL})
    void stopSendingFromTheClientFailsTheServersWrites(long code) throws Exception {
        CompletableFuture<Throwable> serverFailure = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                writeUntilFailure(stream.writable(), serverFailure, 0);
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            stream.writable().write(utf8("start")).get(5, TimeUnit.SECONDS);
            stream.readable().read().get(5, TimeUnit.SECONDS); // the server is writing
            stream.readable().stopSending(code);
            assertInstanceOf(StreamStoppedException.class, serverFailure.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWriteAfterThePeerStoppedAnIdleStreamFailsInsteadOfHanging() throws Exception {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                stream.stopSending(7);
                stopped.complete(null);
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            SendStream out = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            out.write(utf8("first")); // the header alone announces the stream: this may already fail
            stopped.get(5, TimeUnit.SECONDS);
            // The STOP_SENDING reaches the client at some point while nothing is queued; from then on
            // writes fail (none may hang), and the failure says the peer stopped reading.
            Throwable failure = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (failure == null && System.nanoTime() < deadline) {
                try {
                    out.write(utf8("more")).get(5, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
            }
            assertInstanceOf(StreamStoppedException.class, failure);
        }
    }

    @Test
    void aWriteWaitingForFlowControlCreditFailsWhenThePeerStopsTheStream() throws Exception {
        CompletableFuture<BidirectionalStream> serverSide = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                serverSide.complete(stream); // never read: the client runs out of QUIC flow-control credit
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            SendStream out = session.openBidirectionalStream().get(5, TimeUnit.SECONDS).writable();
            ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
            CompletableFuture<Void> waiting = null;
            while (waiting == null) { // writes complete while the send buffer has room, until the credit is used up
                CompletableFuture<Void> write = out.write(chunk.duplicate());
                try {
                    write.get(2, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    waiting = write;
                }
            }
            long sent;
            do { // until quiche takes nothing more: the stream waits for credit that will not come
                sent = out.bytesSent();
                Thread.sleep(200);
            } while (out.bytesSent() != sent);
            serverSide.get(5, TimeUnit.SECONDS).readable().stopSending(9);
            CompletableFuture<Void> blocked = waiting;
            ExecutionException failure = assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS),
                    "a write waiting for credit fails once the peer stopped the stream, instead of hanging");
            assertInstanceOf(StreamStoppedException.class, failure.getCause());
        }
    }

    @Test
    void eachSideCanStopTheOthersSendingOnTheSameStream() throws Exception {
        CompletableFuture<Throwable> serverWriteFailure = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                stream.readable().stopSending(1);
                writeUntilFailure(stream.writable(), serverWriteFailure, 0);
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            CompletableFuture<Throwable> clientWriteFailure = new CompletableFuture<>();
            writeUntilFailure(stream.writable(), clientWriteFailure, 0);
            assertInstanceOf(StreamStoppedException.class, clientWriteFailure.get(10, TimeUnit.SECONDS));
            stream.readable().stopSending(2);
            assertInstanceOf(StreamStoppedException.class, serverWriteFailure.get(10, TimeUnit.SECONDS));
        }
    }

    static void writeUntilFailure(SendStream out, CompletableFuture<Throwable> failure, int round) {
        if (round > 100_000) {
            failure.complete(new AssertionError("writes never failed"));
            return;
        }
        out.write(utf8("x".repeat(1000))).whenComplete((v, e) -> {
            if (e != null) {
                failure.complete(e);
            } else {
                writeUntilFailure(out, failure, round + 1);
            }
        });
    }
}
