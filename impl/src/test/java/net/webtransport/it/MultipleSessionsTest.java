package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

class MultipleSessionsTest {

    @Test
    void sessionsSharingAConnectionKeepTheirStreamsAndDatagramsApart() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler() {
            @Override
            public void onDatagram(Session session, ByteBuffer payload) {
                // Tag the echo with the session path so a mix-up would show.
                String text = StandardCharsets.UTF_8.decode(payload) + "@" + session.path();
                session.sendDatagram(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            }
        }))) {
            ConnectOptions pooled = ConnectOptions.DEFAULT.withPooling(true);
            LinkedBlockingQueue<String> datagramsA = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<String> datagramsB = new LinkedBlockingQueue<>();
            Session a = loop.client.connect(loop.uri("/a"), pooled, collecting(datagramsA)).get(5, TimeUnit.SECONDS);
            Session b = loop.client.connect(loop.uri("/b"), pooled, collecting(datagramsB)).get(5, TimeUnit.SECONDS);
            assertNotEquals(a.id(), b.id(), "two sessions on one connection have distinct CONNECT streams");

            CompletableFuture<byte[]> echoA = echo(a, "for a");
            CompletableFuture<byte[]> echoB = echo(b, "for b");
            assertEquals("for a", utf8(echoA.get(5, TimeUnit.SECONDS)));
            assertEquals("for b", utf8(echoB.get(5, TimeUnit.SECONDS)));

            String gotA = null;
            String gotB = null;
            for (int i = 0; i < 20 && (gotA == null || gotB == null); i++) {
                a.sendDatagram(Loopback.utf8("x"));
                b.sendDatagram(Loopback.utf8("y"));
                gotA = gotA != null ? gotA : datagramsA.poll(200, TimeUnit.MILLISECONDS);
                gotB = gotB != null ? gotB : datagramsB.poll(200, TimeUnit.MILLISECONDS);
            }
            assertEquals("x@/a", gotA);
            assertEquals("y@/b", gotB);

            a.close(7, "only a").get(5, TimeUnit.SECONDS);
            assertTrue(a.closed().get(5, TimeUnit.SECONDS).clean());
            assertTrue(b.isOpen(), "closing one session leaves the other open");
            assertEquals("still here", utf8(echo(b, "still here").get(5, TimeUnit.SECONDS)));
            b.close();
        }
    }

    /**
     * Each dedicated connection would have a UDP socket and QUIC codec of its own, about 1 MiB of
     * native memory each; past 16 per event loop they share those sockets, and every connection
     * still works and carries only its own data.
     */
    @Test
    void dedicatedConnectionsPastSixteenPerLoopShareSocketsAndEachStillEchoes() throws Exception {
        int sessions = 40;
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()));
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).eventLoops(1).build()) {
            List<CompletableFuture<Session>> opening = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                opening.add(client.connect(loop.uri("/s" + i), new SessionHandler() { }));
            }
            List<Session> open = new ArrayList<>();
            for (CompletableFuture<Session> f : opening) {
                open.add(f.get(20, TimeUnit.SECONDS));
            }
            assertEquals(sessions, client.connectionCount(), "a dedicated connection each");
            assertTrue(client.socketCount() <= 16, client.socketCount() + " sockets for " + sessions + " connections");
            List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                echoes.add(echo(open.get(i), "echo " + i));
            }
            for (int i = 0; i < sessions; i++) {
                assertEquals("echo " + i, utf8(echoes.get(i).get(20, TimeUnit.SECONDS)));
            }
            for (Session s : open) {
                s.close().get(10, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.socketCount() > 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(client.socketCount() <= 4, "at most 4 spare sockets stay once every connection ended: "
                    + client.socketCount());
        }
    }

    private static SessionHandler collecting(LinkedBlockingQueue<String> into) {
        return new SessionHandler() {
            @Override
            public void onDatagram(Session session, ByteBuffer payload) {
                into.add(StandardCharsets.UTF_8.decode(payload).toString());
            }
        };
    }

    private static CompletableFuture<byte[]> echo(Session session, String text) {
        return session.openBidirectionalStream().thenCompose((BidirectionalStream s) -> {
            s.writable().write(utf8(text));
            s.writable().finish();
            return readAll(s.readable());
        });
    }
}
