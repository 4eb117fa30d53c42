package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** WebTransport flow control (draft-ietf-webtrans-http3 §5) between this project's client and server. */
class WtFlowControlTest {
    static final long WINDOW = 256 << 10;

    @Test
    void aReaderThatDoesNotReadHoldsTheWriterAtTheSessionWindowThenEverythingArrives() throws Exception {
        BlockingQueue<BidirectionalStream> unread = new LinkedBlockingQueue<>();
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .sessionReceiveWindow(WINDOW)
                .handler(r -> ConnectResponse.accept(new SessionHandler() {
                    @Override
                    public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                        unread.add(stream); // kept, not read yet
                    }
                })).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            Session session = client.connect(java.net.URI.create("https://localhost:" + server.port() + "/"),
                    new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            long total = 8L << 20;
            byte[] chunk = new byte[16 << 10];
            CRC32 sentCrc = new CRC32();
            long written = 0;
            boolean stalled = false;
            while (written < total) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ((written + i) * 31);
                }
                sentCrc.update(chunk);
                CompletableFuture<Void> w = stream.writable().write(ByteBuffer.wrap(chunk));
                written += chunk.length;
                try {
                    w.get(2, TimeUnit.SECONDS);
                } catch (TimeoutException stuck) {
                    stalled = true;
                    break;
                }
            }
            assertTrue(stalled, "the writer stalls: the server's application read nothing");
            BidirectionalStream atServer = unread.poll(5, TimeUnit.SECONDS);
            long held = server.bufferedReceiveBytes();
            assertTrue(held <= WINDOW, "the server holds " + held + " bytes, within the " + WINDOW + "-byte session window");
            assertTrue(written < 2 * WINDOW, "the writer got no further than the window and its send buffer: " + written);

            CompletableFuture<byte[]> received = readAll(atServer.readable());
            // The reader drains: credit flows back and the writer finishes.
            while (written < total) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ((written + i) * 31);
                }
                sentCrc.update(chunk);
                stream.writable().write(ByteBuffer.wrap(chunk)).get(10, TimeUnit.SECONDS);
                written += chunk.length;
            }
            stream.writable().finish().get(10, TimeUnit.SECONDS);
            byte[] got = received.get(30, TimeUnit.SECONDS);
            assertEquals(total, got.length);
            CRC32 gotCrc = new CRC32();
            gotCrc.update(got);
            assertEquals(sentCrc.getValue(), gotCrc.getValue());
        }
    }

    @Test
    void aStreamPastTheSessionsStreamLimitOpensOnceAnEarlierOneEnds() throws Exception {
        BlockingQueue<ReceiveStream> arrived = new LinkedBlockingQueue<>();
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .sessionStreamLimits(100, 2)
                .handler(r -> ConnectResponse.accept(new EchoHandler() {
                    @Override
                    public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                        arrived.add(stream);
                    }
                })).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            Session session = client.connect(java.net.URI.create("https://localhost:" + server.port() + "/"),
                    new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            SendStream first = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            SendStream second = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            first.write(utf8("1")).get(5, TimeUnit.SECONDS);
            second.write(utf8("2")).get(5, TimeUnit.SECONDS);
            java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class,
                    () -> session.openUnidirectionalStream(false).get(5, TimeUnit.SECONDS));
            org.junit.jupiter.api.Assertions.assertInstanceOf(net.webtransport.transport.StreamLimitException.class, refused.getCause(),
                    "without waiting, a stream past the limit is refused at once");
            CompletableFuture<SendStream> third = session.openUnidirectionalStream();
            ReceiveStream firstAtServer = arrived.poll(5, TimeUnit.SECONDS);
            assertTrue(arrived.poll(5, TimeUnit.SECONDS) != null);
            // A round trip on a bidirectional stream (a limit of its own) after the third open was asked for.
            BidirectionalStream probe = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            probe.writable().write(utf8("probe"), true).get(5, TimeUnit.SECONDS);
            assertEquals("probe", utf8(readAll(probe.readable()).get(5, TimeUnit.SECONDS)));
            assertFalse(third.isDone(), "a third unidirectional stream waits: the server allows two at once");

            first.finish().get(5, TimeUnit.SECONDS);
            readAll(firstAtServer).get(5, TimeUnit.SECONDS); // the first stream ends at the server
            SendStream opened = third.get(5, TimeUnit.SECONDS);
            opened.write(utf8("3"), true).get(5, TimeUnit.SECONDS);
            assertEquals("3", utf8(readAll(arrived.poll(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS)));
        }
    }
}
