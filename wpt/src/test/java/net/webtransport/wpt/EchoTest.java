package net.webtransport.wpt;

import static net.webtransport.wpt.WptLoopback.readText;
import static net.webtransport.wpt.WptLoopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** echo.py as upstream's tests use it. */
class EchoTest {

    /** A client handler that collects what the server opens and sends. */
    static final class Collector implements SessionHandler {
        final BlockingQueue<BidirectionalStream> bidi = new LinkedBlockingQueue<>();
        final BlockingQueue<ReceiveStream> uni = new LinkedBlockingQueue<>();
        final BlockingQueue<ByteBuffer> datagrams = new LinkedBlockingQueue<>();

        @Override
        public void onBidirectionalStream(Session session, BidirectionalStream stream) {
            bidi.add(stream);
        }

        @Override
        public void onUnidirectionalStream(Session session, ReceiveStream stream) {
            uni.add(stream);
        }

        @Override
        public void onDatagram(Session session, ByteBuffer payload) {
            datagrams.add(payload);
        }
    }

    @Test
    void aClientBidiStreamIsEchoedWithItsFin() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("echo.py");
            BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            s.writable().write(utf8("hello "));
            s.writable().write(utf8("bidi"), true);
            assertEquals("hello bidi", readText(s.readable()).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void theServerOpensABidiStreamOnEstablishAndEchoesOnItToo() throws Exception {
        Collector collector = new Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.connect("echo.py", collector);
            BidirectionalStream serverOpened = collector.bidi.poll(5, TimeUnit.SECONDS);
            serverOpened.writable().write(utf8("on the server's stream"), true);
            assertEquals("on the server's stream", readText(serverOpened.readable()).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aUniStreamComesBackChunkByChunkOnAServerUniStreamBeforeAnyFin() throws Exception {
        Collector collector = new Collector();
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("echo.py", collector);
            SendStream out = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            out.write(utf8("first")).get(5, TimeUnit.SECONDS);
            ReceiveStream back = collector.uni.poll(5, TimeUnit.SECONDS);
            // No FIN yet: the first chunk must come back on its own (perhaps in more than one read).
            StringBuilder first = new StringBuilder();
            while (first.length() < "first".length()) {
                var r = back.read().get(5, TimeUnit.SECONDS);
                first.append(StandardCharsets.UTF_8.decode(r.data()));
                assertEquals(false, r.fin(), "the client has not finished yet");
            }
            assertEquals("first", first.toString());
            out.write(utf8(" second"), true);
            assertEquals(" second", readText(back).get(5, TimeUnit.SECONDS), "and the echo ends with the client's FIN");
        }
    }

    @Test
    void datagramsAreEchoed() throws Exception {
        Collector collector = new Collector();
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("echo.py", collector);
            ByteBuffer echoed = null;
            for (int i = 0; i < 50 && echoed == null; i++) { // datagrams may be lost
                session.sendDatagram(utf8("ping")).get(5, TimeUnit.SECONDS);
                echoed = collector.datagrams.poll(100, TimeUnit.MILLISECONDS);
            }
            assertEquals(utf8("ping"), echoed);
        }
    }

    @Test
    void manyStreamsAtOnceAreEachEchoedIntact() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("echo.py");
            java.util.List<CompletableFuture<String>> echoes = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
                s.writable().write(utf8("stream " + i + " ".repeat(i * 1000)), true);
                echoes.add(readText(s.readable()));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("stream " + i + " ".repeat(i * 1000), echoes.get(i).get(10, TimeUnit.SECONDS));
            }
        }
    }
}
