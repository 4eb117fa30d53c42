package net.webtransport.w3c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.AbortError;
import net.webtransport.TypeError;
import net.webtransport.WebTransport;
import net.webtransport.WebTransportError;
import net.webtransport.WebTransportErrorSource;
import net.webtransport.WebTransportSendStream;
import net.webtransport.WebTransportWriter;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.StreamResetException;
import org.junit.jupiter.api.Test;

/** W3C §"WebTransportWriter": {@code atomicWrite} and {@code commit} over loopback. */
class WriterTest {

    /** What the server read from the client's first unidirectional stream, and how it ended. */
    record Received(byte[] bytes, Throwable end) {
    }

    static final class Reading {
        final CompletableFuture<Received> received = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        SessionHandler handler() {
            return new SessionHandler() {
                @Override
                public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                    readOn(stream);
                }
            };
        }

        private void readOn(ReceiveStream stream) {
            stream.read().whenComplete((r, e) -> {
                if (e != null) {
                    received.complete(new Received(out.toByteArray(), e instanceof java.util.concurrent.CompletionException c ? c.getCause() : e));
                    return;
                }
                byte[] b = new byte[r.data().remaining()];
                r.data().get(b);
                out.writeBytes(b);
                if (r.fin()) {
                    received.complete(new Received(out.toByteArray(), null));
                } else {
                    readOn(stream);
                }
            });
        }
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    static Throwable failure(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS)).getCause();
    }

    WebTransport open(W3cServer server, Reading reading) throws Exception {
        server.route = r -> ConnectResponse.accept(reading.handler());
        WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
        wt.ready().get(10, TimeUnit.SECONDS);
        return wt;
    }

    @Test
    void getWriterGivesAWebTransportWriter() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server, new Reading());
            WebTransportSendStream out = wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS);
            WebTransportWriter writer = out.getWriter();
            assertTrue(out.locked());
            assertThrows(TypeError.class, out::getWriter, "a second writer on a locked stream is a TypeError");
            writer.releaseLock();
            wt.close();
        }
    }

    @Test
    void anAtomicWriteThatFitsTheFlowControlWindowIsSentWhole() throws Exception {
        try (W3cServer server = new W3cServer()) {
            Reading reading = new Reading();
            WebTransport wt = open(server, reading);
            WebTransportWriter writer = wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS).getWriter();
            byte[] message = pattern(1000);
            writer.atomicWrite(message).get(10, TimeUnit.SECONDS);
            writer.close().get(10, TimeUnit.SECONDS);
            Received r = reading.received.get(10, TimeUnit.SECONDS);
            assertArrayEquals(message, r.bytes());
            wt.close();
        }
    }

    @Test
    void anAtomicWriteLargerThanTheFlowControlWindowRejectsWithAbortErrorAndTheStreamStaysWritable() throws Exception {
        // The server's receive budget (256 KiB) caps the QUIC connection window it grants.
        try (W3cServer server = new W3cServer(b -> b.receiveBufferLimit(256 << 10))) {
            Reading reading = new Reading();
            WebTransport wt = open(server, reading);
            WebTransportWriter writer = wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS).getWriter();
            assertInstanceOf(AbortError.class, failure(writer.atomicWrite(pattern(1 << 20))));
            byte[] after = pattern(500);
            writer.write(after).get(10, TimeUnit.SECONDS);
            writer.close().get(10, TimeUnit.SECONDS);
            Received r = reading.received.get(10, TimeUnit.SECONDS);
            assertArrayEquals(after, r.bytes(), "nothing of the refused chunk was sent; what followed was");
            wt.close();
        }
    }

    @Test
    void committedBytesReachThePeerBeforeTheResetAnAbortSends() throws Exception {
        try (W3cServer server = new W3cServer()) {
            Reading reading = new Reading();
            WebTransport wt = open(server, reading);
            WebTransportWriter writer = wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS).getWriter();
            byte[] committed = pattern(200_000);
            writer.write(committed).get(10, TimeUnit.SECONDS);
            writer.commit();
            writer.abort(new WebTransportError("give up", WebTransportErrorSource.STREAM, 7L)).get(10, TimeUnit.SECONDS);
            Received r = reading.received.get(10, TimeUnit.SECONDS);
            assertTrue(r.bytes().length >= committed.length, "got " + r.bytes().length + " of " + committed.length);
            assertArrayEquals(committed, Arrays.copyOf(r.bytes(), committed.length));
            StreamResetException reset = assertInstanceOf(StreamResetException.class, r.end());
            assertEquals(7, reset.errorCode());
            wt.close();
        }
    }

    @Test
    void commitOnAReleasedWriterIsATypeError() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server, new Reading());
            WebTransportWriter writer = wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS).getWriter();
            writer.releaseLock();
            assertThrows(TypeError.class, writer::commit);
            assertInstanceOf(TypeError.class, failure(writer.atomicWrite(pattern(10))));
            wt.close();
        }
    }
}
