package net.webtransport.w3c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.webtransport.AbortError;
import net.webtransport.InvalidStateError;
import net.webtransport.WebTransport;
import net.webtransport.WebTransportBidirectionalStream;
import net.webtransport.WebTransportError;
import net.webtransport.WebTransportErrorSource;
import net.webtransport.WebTransportReceiveStream;
import net.webtransport.WebTransportSendStream;
import net.webtransport.server.ConnectResponse;
import net.webtransport.streams.ReadResult;
import net.webtransport.streams.ReadableStream;
import net.webtransport.streams.ReadableStreamDefaultReader;
import net.webtransport.streams.WritableStreamDefaultWriter;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.StreamResetException;
import org.junit.jupiter.api.Test;

/** The W3C API's streams (W3C §"WebTransportSendStream", §"WebTransportReceiveStream") over loopback. */
class StreamsTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a W3C readable byte stream to its end. */
    static byte[] readAll(ReadableStream<byte[]> stream) throws Exception {
        ReadableStreamDefaultReader<byte[]> reader = stream.getReader();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            ReadResult<byte[]> r = reader.read().get(10, TimeUnit.SECONDS);
            if (r.done()) {
                return out.toByteArray();
            }
            out.writeBytes(r.value());
        }
    }

    /** The server side: echoes bidi streams, answers a uni stream with "uni:" + its bytes on a uni stream. */
    static SessionHandler echo(BlockingQueue<Session> sessions) {
        return new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                sessions.add(session);
            }

            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                collect(stream.readable()).thenAccept(bytes -> stream.writable().write(ByteBuffer.wrap(bytes), true));
            }

            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                collect(stream).thenAccept(bytes -> session.openUnidirectionalStream().thenAccept(out -> {
                    out.write(ByteBuffer.wrap(utf8("uni:")));
                    out.write(ByteBuffer.wrap(bytes), true);
                }));
            }
        };
    }

    static CompletableFuture<byte[]> collect(ReceiveStream in) {
        CompletableFuture<byte[]> all = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        readOn(in, out, all);
        return all;
    }

    private static void readOn(ReceiveStream in, ByteArrayOutputStream out, CompletableFuture<byte[]> all) {
        in.read().whenComplete((r, e) -> {
            if (e != null) {
                all.completeExceptionally(e);
                return;
            }
            byte[] b = new byte[r.data().remaining()];
            r.data().get(b);
            out.writeBytes(b);
            if (r.fin()) {
                all.complete(out.toByteArray());
            } else {
                readOn(in, out, all);
            }
        });
    }

    WebTransport open(W3cServer server, BlockingQueue<Session> sessions) throws Exception {
        server.route = r -> ConnectResponse.accept(echo(sessions));
        WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
        wt.ready().get(10, TimeUnit.SECONDS);
        return wt;
    }

    /**
     * Blocks, where it is called (inside a completion of the library), on another of the library's
     * futures: {@code settled} if that one settled within 5 s, else why not.
     */
    static String blockOn(java.util.concurrent.Future<?> next, String settled) {
        try {
            next.get(5, TimeUnit.SECONDS);
            return settled;
        } catch (Exception e) {
            return "did not settle while a completion of the library waited for it: " + e;
        }
    }

    @Test
    void aReadsCompletionMayBlockOnTheNextReadOfTheIncomingStreams() throws Exception {
        try (W3cServer server = new W3cServer()) {
            BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
            WebTransport wt = open(server, sessions);
            Session atServer = sessions.poll(10, TimeUnit.SECONDS);
            ReadableStreamDefaultReader<WebTransportReceiveStream> incoming = wt.incomingUnidirectionalStreams().getReader();
            CompletableFuture<String> seen = new CompletableFuture<>();
            // Attached before the first stream exists, so it runs where the library completes the read.
            incoming.read().thenAccept(first -> {
                atServer.openUnidirectionalStream().thenAccept(u -> u.write(ByteBuffer.wrap(utf8("2")), true));
                seen.complete(blockOn(incoming.read(), "second stream read"));
            });
            atServer.openUnidirectionalStream().thenAccept(u -> u.write(ByteBuffer.wrap(utf8("1")), true));
            assertEquals("second stream read", seen.get(15, TimeUnit.SECONDS));
            wt.close();
        }
    }

    @Test
    void aReadsCompletionMayBlockOnTheNextReadOfTheSameStream() throws Exception {
        try (W3cServer server = new W3cServer()) {
            BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
            WebTransport wt = open(server, sessions);
            SendStream out = sessions.poll(10, TimeUnit.SECONDS).openUnidirectionalStream().get(10, TimeUnit.SECONDS);
            out.write(ByteBuffer.wrap(utf8("1"))).get(10, TimeUnit.SECONDS);
            WebTransportReceiveStream in = wt.incomingUnidirectionalStreams().getReader().read().get(10, TimeUnit.SECONDS).value();
            ReadableStreamDefaultReader<byte[]> reader = in.getReader();
            CompletableFuture<String> seen = new CompletableFuture<>();
            reader.read().thenAccept(first -> {
                out.write(ByteBuffer.wrap(utf8("2")));
                seen.complete(blockOn(reader.read(), "second chunk read"));
            });
            assertEquals("second chunk read", seen.get(15, TimeUnit.SECONDS));
            wt.close();
        }
    }

    @Test
    void aWritesCompletionMayBlockOnTheNextWriteOfTheSameStream() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server, new LinkedBlockingQueue<>());
            WebTransportBidirectionalStream s = wt.createBidirectionalStream().get(10, TimeUnit.SECONDS);
            WritableStreamDefaultWriter<byte[]> writer = s.writable().getWriter();
            CompletableFuture<String> seen = new CompletableFuture<>();
            writer.write(utf8("first ")).thenRun(() -> seen.complete(blockOn(writer.write(utf8("second")), "second written")));
            assertEquals("second written", seen.get(15, TimeUnit.SECONDS));
            writer.close().get(10, TimeUnit.SECONDS);
            assertArrayEquals(utf8("first second"), readAll(s.readable()));
            wt.close();
        }
    }

    @Test
    void aBidirectionalStreamEchoesWhatIsWrittenAndClosedWithFin() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server, new LinkedBlockingQueue<>());
            WebTransportBidirectionalStream s = wt.createBidirectionalStream().get(10, TimeUnit.SECONDS);
            WritableStreamDefaultWriter<byte[]> writer = s.writable().getWriter();
            writer.write(utf8("hello "));
            writer.write(utf8("world"));
            writer.close().get(10, TimeUnit.SECONDS);
            assertArrayEquals(utf8("hello world"), readAll(s.readable()));
            wt.close();
        }
    }

    @Test
    void aUnidirectionalStreamReachesTheServerAndItsAnswerArrivesAsAnIncomingStream() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server, new LinkedBlockingQueue<>());
            WebTransportSendStream out = wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS);
            WritableStreamDefaultWriter<byte[]> writer = out.getWriter();
            writer.write(utf8("ping"));
            writer.close().get(10, TimeUnit.SECONDS);
            WebTransportReceiveStream in = wt.incomingUnidirectionalStreams().getReader().read().get(10, TimeUnit.SECONDS).value();
            assertArrayEquals(utf8("uni:ping"), readAll(in));
            wt.close();
        }
    }

    @Test
    void aBidirectionalStreamTheServerOpensArrivesOnIncomingBidirectionalStreams() throws Exception {
        try (W3cServer server = new W3cServer()) {
            BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
            WebTransport wt = open(server, sessions);
            sessions.poll(10, TimeUnit.SECONDS).openBidirectionalStream()
                    .thenAccept(b -> b.writable().write(ByteBuffer.wrap(utf8("from the server")), true));
            WebTransportBidirectionalStream s = wt.incomingBidirectionalStreams().getReader().read().get(10, TimeUnit.SECONDS).value();
            assertArrayEquals(utf8("from the server"), readAll(s.readable()));
            wt.close();
        }
    }

    @Test
    void aBidirectionalStreamNobodyWillTakeIsRefusedInBothDirections() throws Exception {
        try (W3cServer server = new W3cServer()) {
            BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
            WebTransport wt = open(server, sessions);
            wt.incomingBidirectionalStreams().cancel(null).get(10, TimeUnit.SECONDS);
            net.webtransport.transport.BidirectionalStream atServer =
                    sessions.poll(10, TimeUnit.SECONDS).openBidirectionalStream().get(10, TimeUnit.SECONDS);
            atServer.writable().write(ByteBuffer.wrap(utf8("anyone?")), false);
            assertThrows(java.util.concurrent.ExecutionException.class, () -> atServer.readable().read().get(10, TimeUnit.SECONDS),
                    "the server's read ends with the client's reset instead of waiting for the session to end");
            wt.close();
        }
    }

    @Test
    void aResetFromThePeerErrorsTheReadableWithAStreamErrorCarryingItsCode() throws Exception {
        try (W3cServer server = new W3cServer()) {
            BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
            WebTransport wt = open(server, sessions);
            sessions.poll(10, TimeUnit.SECONDS).openUnidirectionalStream()
                    .thenAccept(u -> u.write(ByteBuffer.wrap(utf8("x"))).thenRun(() -> u.reset(7)));
            WebTransportReceiveStream in = wt.incomingUnidirectionalStreams().getReader().read().get(10, TimeUnit.SECONDS).value();
            Throwable e = SessionLifecycleTest.failureOf(CompletableFuture.supplyAsync(() -> {
                try {
                    return readAll(in);
                } catch (Exception ex) {
                    throw new java.util.concurrent.CompletionException(ex instanceof java.util.concurrent.ExecutionException
                            ? ex.getCause() : ex);
                }
            }));
            WebTransportError error = assertInstanceOf(WebTransportError.class, e);
            assertEquals(WebTransportErrorSource.STREAM, error.source());
            assertEquals(OptionalLong.of(7), error.streamErrorCode());
            wt.close();
        }
    }

    @Test
    void abortResetsTheStreamWithTheReasonsStreamErrorCode() throws Exception {
        try (W3cServer server = new W3cServer()) {
            CompletableFuture<Throwable> serverSaw = new CompletableFuture<>();
            CompletableFuture<Void> arrived = new CompletableFuture<>();
            server.route = r -> ConnectResponse.accept(new SessionHandler() {
                @Override
                public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                    arrived.complete(null);
                    collect(stream).whenComplete((b, e) -> serverSaw.complete(e));
                }
            });
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            WebTransportSendStream out = wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS);
            WritableStreamDefaultWriter<byte[]> writer = out.getWriter();
            writer.write(utf8("partial")).get(10, TimeUnit.SECONDS);
            arrived.get(10, TimeUnit.SECONDS); // a stream reset before its header arrives never reaches the server's application
            writer.abort(new WebTransportError("stop", WebTransportErrorSource.STREAM, 9L)).get(10, TimeUnit.SECONDS);
            Throwable seen = serverSaw.get(10, TimeUnit.SECONDS);
            assertEquals(9, assertInstanceOf(StreamResetException.class, seen).errorCode());
            wt.close();
        }
    }

    @Test
    void closingTheTransportClosesTheIncomingStreamReadablesAndRefusesNewStreams() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server, new LinkedBlockingQueue<>());
            ReadableStreamDefaultReader<WebTransportBidirectionalStream> incoming = wt.incomingBidirectionalStreams().getReader();
            CompletableFuture<ReadResult<WebTransportBidirectionalStream>> waiting = incoming.read();
            wt.close();
            assertTrue(waiting.get(10, TimeUnit.SECONDS).done());
            assertInstanceOf(InvalidStateError.class, SessionLifecycleTest.failureOf(wt.createBidirectionalStream()));
        }
    }

    @Test
    void aPendingReadFailsWithAnAbortErrorWhenTheTransportIsClosedLocally() throws Exception {
        try (W3cServer server = new W3cServer()) {
            server.route = r -> ConnectResponse.accept(new SessionHandler() {
                @Override
                public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                    // keeps the stream open and silent
                }
            });
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            WebTransportBidirectionalStream s = wt.createBidirectionalStream().get(10, TimeUnit.SECONDS);
            s.writable().getWriter().write(utf8("x")).get(10, TimeUnit.SECONDS);
            CompletableFuture<ReadResult<byte[]>> read = s.readable().getReader().read();
            wt.close();
            assertInstanceOf(AbortError.class, SessionLifecycleTest.failureOf(read));
        }
    }

    @Test
    void pastThePeersStreamLimitACreateFailsWithQuotaExceededUnlessItMayWait() throws Exception {
        try (W3cServer server = new W3cServer(b -> b.sessionStreamLimits(100, 2))) {
            BlockingQueue<ReceiveStream> arrived = new LinkedBlockingQueue<>();
            server.route = r -> ConnectResponse.accept(new SessionHandler() {
                @Override
                public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                    arrived.add(stream);
                }
            });
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            WebTransportSendStream first = wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS);
            wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS);
            assertInstanceOf(net.webtransport.QuotaExceededError.class,
                    SessionLifecycleTest.failureOf(wt.createUnidirectionalStream()), "waitUntilAvailable is false by default");
            CompletableFuture<WebTransportSendStream> waiting = wt.createUnidirectionalStream(
                    net.webtransport.WebTransportSendStreamOptions.DEFAULT.withWaitUntilAvailable(true));
            var writer = first.getWriter();
            writer.write(utf8("done"));
            writer.close().get(10, TimeUnit.SECONDS);
            collect(arrived.poll(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS); // the first stream ends at the server
            waiting.get(10, TimeUnit.SECONDS);
            wt.close();
        }
    }

    @Test
    void aReceiveStreamIsAByteStreamThatABYOBReaderReadsIntoTheCallersBuffers() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server, new LinkedBlockingQueue<>());
            WebTransportBidirectionalStream s = wt.createBidirectionalStream().get(10, TimeUnit.SECONDS);
            WritableStreamDefaultWriter<byte[]> writer = s.writable().getWriter();
            writer.write(utf8("bring your own buffer"));
            writer.close().get(10, TimeUnit.SECONDS);
            net.webtransport.streams.ReadableStreamBYOBReader reader = s.readable().getBYOBReader();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4);
            while (true) {
                buffer.clear();
                ReadResult<ByteBuffer> r = reader.read(buffer).get(10, TimeUnit.SECONDS);
                if (r.done()) {
                    break;
                }
                assertTrue(r.value().remaining() <= 4);
                byte[] b = new byte[r.value().remaining()];
                r.value().get(b);
                out.writeBytes(b);
            }
            assertArrayEquals(utf8("bring your own buffer"), out.toByteArray());
            wt.close();
        }
    }
}
