package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionClosedException;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** Opening a stream past the peer's stream limit waits for credit instead of failing (W3C createBidirectionalStream). */
class StreamLimitTest {

    static BidirectionalStream echo(BidirectionalStream s, String message) throws Exception {
        s.writable().write(utf8(message), true);
        assertEquals(message, utf8(readAll(s.readable()).get(5, TimeUnit.SECONDS)));
        return s;
    }

    @Test
    void aStreamPastThePeersLimitOpensOnceAnEarlierStreamEnded() throws Exception {
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                     .maxIncomingStreams(3, 3).handler(r -> ConnectResponse.accept(new EchoHandler())).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            Session session = client.connect(URI.create("https://localhost:" + server.port() + "/"),
                    new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            BidirectionalStream first = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            BidirectionalStream second = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            CompletableFuture<BidirectionalStream> third = session.openBidirectionalStream();
            assertThrows(java.util.concurrent.TimeoutException.class, () -> third.get(500, TimeUnit.MILLISECONDS),
                    "the server allows three bidirectional streams at once, the CONNECT stream among them: the third waits");
            echo(first, "one");
            echo(third.get(5, TimeUnit.SECONDS), "three");
            echo(second, "two");
        }
    }

    @Test
    void anOpenWaitingForCreditFailsWhenTheSessionCloses() throws Exception {
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                     .maxIncomingStreams(2, 2).handler(r -> ConnectResponse.accept(new EchoHandler())).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            Session session = client.connect(URI.create("https://localhost:" + server.port() + "/"),
                    new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            CompletableFuture<BidirectionalStream> waiting = session.openBidirectionalStream();
            assertFalse(waiting.isDone());
            session.close(7, "bye").get(5, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
            assertInstanceOf(SessionClosedException.class, e.getCause());
        }
    }

    /**
     * Sessions come and go on one pooled connection while their CONNECT streams and their own
     * streams compete for a small bidirectional credit: every open must get its turn once an earlier
     * stream ended. (Netty's cached credit count used to fall below zero here and never refresh,
     * leaving opens waiting forever.)
     */
    @Test
    void sessionsOnAPooledConnectionKeepOpeningStreamsWhileTheServersStreamCreditRunsLow() throws Exception {
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                     .maxIncomingStreams(8, 8)
                     .handler(r -> ConnectResponse.accept(new EchoHandler() {
                         @Override
                         public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                             readAll(stream);
                         }
                     })).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            URI uri = URI.create("https://localhost:" + server.port() + "/");
            List<CompletableFuture<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(CompletableFuture.supplyAsync(() -> sessionsInTurn(client, uri, SESSIONS_PER_WORKER)));
            }
            for (CompletableFuture<Integer> worker : workers) {
                assertEquals(SESSIONS_PER_WORKER, worker.get(60, TimeUnit.SECONDS));
            }
        }
    }

    private static final int SESSIONS_PER_WORKER = Integer.getInteger("streamLimit.sessionsPerWorker", 60);

    /** Opens {@code count} pooled sessions one after another, each echoing once and uploading once. */
    private static int sessionsInTurn(WebTransportClient client, URI uri, int count) {
        try {
            for (int i = 0; i < count; i++) {
                Session session = client.connect(uri, ConnectOptions.DEFAULT.withPooling(true), new SessionHandler() { })
                        .get(10, TimeUnit.SECONDS);
                echo(session.openBidirectionalStream().get(10, TimeUnit.SECONDS), "session " + i);
                session.openUnidirectionalStream().get(10, TimeUnit.SECONDS)
                        .write(ByteBuffer.allocate(4096), true).get(10, TimeUnit.SECONDS);
                session.close().get(10, TimeUnit.SECONDS);
            }
            return count;
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }
}
