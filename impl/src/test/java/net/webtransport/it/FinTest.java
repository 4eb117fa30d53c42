package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.readAllInto;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** FIN and the last bytes before it, whatever the timing between the data and the FIN. */
class FinTest {

    /** Reads exactly {@code n} bytes without waiting for FIN. */
    static CompletableFuture<byte[]> readExactly(ReceiveStream in, int n, ByteArrayOutputStream into) {
        if (into.size() >= n) {
            return CompletableFuture.completedFuture(into.toByteArray());
        }
        return in.read().thenCompose(r -> {
            ByteBuffer d = r.data();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            into.writeBytes(b);
            return readExactly(in, n, into);
        });
    }

    @Test
    void aMessageOnAStreamThatStaysOpenArrivesWholeWithoutAFin() throws Exception {
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                readExactly(stream.readable(), 4, new ByteArrayOutputStream())
                        .thenAccept(b -> stream.writable().write(utf8("pong:" + utf8(b))));
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            stream.writable().write(utf8("ping"));
            byte[] reply = readExactly(stream.readable(), 9, new ByteArrayOutputStream()).get(5, TimeUnit.SECONDS);
            assertEquals("pong:ping", utf8(reply));
        }
    }

    @Test
    void aFinSentLongAfterTheLastDataStillArrivesOnBothKindsOfStream() throws Exception {
        CompletableFuture<byte[]> uni = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                readAll(stream.readable()).thenAccept(b -> {
                    stream.writable().write(ByteBuffer.wrap(b)).thenRun(() -> {
                        sleep(300); // the echo is acknowledged long before the FIN follows
                        stream.writable().finish();
                    });
                });
            }

            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                readAllInto(stream, uni);
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream bidi = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            bidi.writable().write(utf8("late fin")).get(5, TimeUnit.SECONDS);
            sleep(300);
            bidi.writable().finish();
            assertEquals("late fin", utf8(readAll(bidi.readable()).get(5, TimeUnit.SECONDS)));

            SendStream out = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            out.write(utf8("late uni fin")).get(5, TimeUnit.SECONDS);
            sleep(300);
            out.finish().get(5, TimeUnit.SECONDS);
            assertEquals("late uni fin", utf8(uni.get(5, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aStreamFinishedWithoutAnyDataArrivesEmpty() throws Exception {
        CompletableFuture<byte[]> uni = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                readAll(stream).thenAccept(uni::complete);
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            SendStream out = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            sleep(300);
            out.finish().get(5, TimeUnit.SECONDS);
            assertEquals(0, uni.get(5, TimeUnit.SECONDS).length);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
