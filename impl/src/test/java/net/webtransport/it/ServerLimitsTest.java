package net.webtransport.it;

import static net.webtransport.it.Loopback.readAllInto;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.WebTransportException;
import org.junit.jupiter.api.Test;

/** The limits a server keeps across all its peers: total buffered data, connections, deadlines. */
class ServerLimitsTest {

    static WebTransportClient newClient() {
        return WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build();
    }

    /** Waits until {@code condition} holds, or fails after {@code seconds}. */
    static void await(String what, int seconds, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Four connections push 8 MiB each on streams nobody reads, against 8 MiB per connection and
     * 2 MiB for the whole server: the server holds about its total, not the sum of the connections'
     * limits, and every byte arrives once the server reads.
     */
    @Test
    void unreadStreamsOfManyConnectionsTogetherStayWithinTheServersTotal() throws Exception {
        int connections = 20;
        int perStream = 2 << 20;
        long total = 2 << 20;
        CompletableFuture<Void> startReading = new CompletableFuture<>();
        List<CompletableFuture<byte[]>> reads = Collections.synchronizedList(new ArrayList<>());
        SessionHandler unread = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                if (session.path().equals("/echo")) {
                    new EchoHandler().onBidirectionalStream(session, stream);
                    return;
                }
                CompletableFuture<byte[]> all = new CompletableFuture<>();
                reads.add(all);
                startReading.thenRun(() -> readAllInto(stream.readable(), all));
            }
        };
        List<WebTransportClient> clients = new ArrayList<>();
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .receiveBufferLimit(8 << 20).totalReceiveBufferLimit(total)
                .handler(r -> ConnectResponse.accept(unread)).start()) {
            URI uri = URI.create("https://localhost:" + server.port() + "/");
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                WebTransportClient client = newClient();
                clients.add(client);
                Session session = client.connect(uri, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
                BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
                byte[] chunk = new byte[64 << 10];
                CompletableFuture<Void> last = null;
                for (int off = 0; off < perStream; off += chunk.length) {
                    last = s.writable().write(ByteBuffer.wrap(chunk), off + chunk.length >= perStream);
                }
                sent.add(last);
            }
            await("the server to fill its total", 10, () -> server.bufferedReceiveBytes() >= total);
            long peak = server.bufferedReceiveBytes();
            for (int i = 0; i < 20; i++) { // several looks while the peers keep pushing
                peak = Math.max(peak, server.bufferedReceiveBytes());
                Thread.sleep(50);
            }
            assertTrue(peak <= total + (1 << 20),
                    "the server held " + peak + " bytes against a total of " + total + " (20 x 2 MiB offered)");
            // While the 20 peers keep pushing, a new client is still served: its handshake and CONNECT
            // go through, and a short request fits the first read every new stream gets even while
            // the total is spent (README, limits table).
            try (WebTransportClient fresh = newClient()) {
                Session session = fresh.connect(uri.resolve("/echo"), new SessionHandler() { }).get(5, TimeUnit.SECONDS);
                BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
                s.writable().write(Loopback.utf8("served anyway"), true);
                CompletableFuture<byte[]> echo = new CompletableFuture<>();
                readAllInto(s.readable(), echo);
                assertEquals("served anyway", Loopback.utf8(echo.get(5, TimeUnit.SECONDS)));
            }
            startReading.complete(null);
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            await("every stream to arrive", 30, () -> reads.size() == connections);
            for (CompletableFuture<byte[]> r : List.copyOf(reads)) {
                assertEquals(perStream, r.get(60, TimeUnit.SECONDS).length);
            }
            assertEquals(0, server.bufferedReceiveBytes(), "nothing is held once everything was read");
        } finally {
            clients.forEach(WebTransportClient::close);
        }
    }

    /**
     * A peer that opens many streams and sends one byte on each, never finishing them, makes the
     * server hold one counted byte per stream: the buffer holding it must be about that small, not a
     * buffer sized for bulk data (1,000 streams x 8 KiB would be 8 MiB for 1,000 counted bytes).
     */
    @Test
    void oneBytePerStreamOnManyUnreadStreamsHoldsSmallBuffersNotBulkOnes() throws Exception {
        int streams = 1_000;
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                     .maxIncomingStreams(16, streams + 10).sessionStreamLimits(16, streams + 10)
                     .handler(r -> ConnectResponse.accept(new SessionHandler() {
                         @Override
                         public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                             // kept open and never read
                         }
                     }))
                     .start();
             WebTransportClient client = newClient()) {
            Session session = client.connect(URI.create("https://127.0.0.1:" + server.port() + "/"), new SessionHandler() { })
                    .get(10, TimeUnit.SECONDS);
            SendStream warmUp = session.openUnidirectionalStream(true).get(10, TimeUnit.SECONDS);
            warmUp.write(ByteBuffer.wrap(new byte[] {1})).get(10, TimeUnit.SECONDS);
            await("the warm-up byte is held", 10, () -> server.bufferedReceiveBytes() == 1);
            long before = io.netty.util.internal.PlatformDependent.usedDirectMemory();
            for (int i = 0; i < streams; i++) {
                SendStream out = session.openUnidirectionalStream(true).get(10, TimeUnit.SECONDS);
                out.write(ByteBuffer.wrap(new byte[] {(byte) i})).get(10, TimeUnit.SECONDS);
            }
            await("every stream's byte is held", 20, () -> server.bufferedReceiveBytes() == streams + 1);
            long grown = io.netty.util.internal.PlatformDependent.usedDirectMemory() - before;
            assertTrue(grown < (1 << 20), "direct memory grew by " + grown + " bytes for " + streams + " held bytes");
        }
    }

    @Test
    void aConnectionPastTheLimitIsRefusedAndTheOthersKeepWorking() throws Exception {
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .maxConnections(2).handler(r -> ConnectResponse.accept(new EchoHandler())).start();
             WebTransportClient a = newClient(); WebTransportClient b = newClient(); WebTransportClient c = newClient()) {
            URI uri = URI.create("https://localhost:" + server.port() + "/");
            Session first = a.connect(uri, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            b.connect(uri, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> c.connect(uri, new SessionHandler() { }).get(5, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof WebTransportException, refused.getCause().toString());
            assertEquals(2, server.connectionCount());
            BidirectionalStream s = first.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            s.writable().write(Loopback.utf8("still served"), true);
            CompletableFuture<byte[]> echo = new CompletableFuture<>();
            readAllInto(s.readable(), echo);
            assertEquals("still served", Loopback.utf8(echo.get(5, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aConnectionWithoutASessionIsClosedAfterTheRequestTimeout() throws Exception {
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .requestTimeout(Duration.ofMillis(500)).handler(r -> ConnectResponse.accept(new EchoHandler())).start();
             WebTransportClient client = newClient()) {
            URI uri = URI.create("https://localhost:" + server.port() + "/");
            Session session = client.connect(uri, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            assertEquals(1, server.connectionCount());
            Thread.sleep(1000);
            assertEquals(1, server.connectionCount(), "a connection with a session is not touched");
            session.close().get(5, TimeUnit.SECONDS);
            await("the sessionless connection to be closed", 5, () -> server.connectionCount() == 0);
        }
    }
}
