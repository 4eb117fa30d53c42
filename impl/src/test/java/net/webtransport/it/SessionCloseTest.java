package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionClosedException;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.SessionRejectedException;
import org.junit.jupiter.api.Test;

class SessionCloseTest {

    static SessionHandler recordingClose(CompletableFuture<CloseInfo> closed) {
        return new SessionHandler() {
            @Override
            public void onClosed(Session session, CloseInfo info) {
                closed.complete(info);
            }
        };
    }

    @Test
    void aCleanCloseCarriesTheCodeAndTheReasonTruncatedTo1024BytesOnACharacterBoundary() throws Exception {
        CompletableFuture<CloseInfo> serverSaw = new CompletableFuture<>();
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(recordingClose(serverSaw)))) {
            Session session = loop.connect("/", new SessionHandler() { });
            // 1022 ASCII bytes then 4-byte characters: the first one would end at byte 1026.
            String reason = "r".repeat(1022) + "\uD83D\uDE00".repeat(10);
            session.close(0xfedcba98L, reason).get(5, TimeUnit.SECONDS);
            CloseInfo info = serverSaw.get(5, TimeUnit.SECONDS);
            assertTrue(info.clean());
            assertFalse(info.local());
            assertEquals(0xfedcba98L, info.errorCode());
            assertEquals("r".repeat(1022), info.reason());
            CloseInfo local = session.closed().get(5, TimeUnit.SECONDS);
            assertTrue(local.clean() && local.local());
        }
    }

    @Test
    void aServerCloseReachesTheClientAndEndsItsStreamsWithSessionGone() throws Exception {
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                session.close(42, "bye");
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            CompletableFuture<CloseInfo> clientSaw = new CompletableFuture<>();
            Session session = loop.connect("/", recordingClose(clientSaw));
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            stream.writable().write(Loopback.utf8("trigger"));
            CloseInfo info = clientSaw.get(5, TimeUnit.SECONDS);
            assertEquals(CloseInfo.clean(42, "bye", false), info);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> readAll(stream.readable()).get(5, TimeUnit.SECONDS));
            assertInstanceOf(SessionClosedException.class, e.getCause());
            assertFalse(session.isOpen());
            assertThrows(ExecutionException.class, () -> session.openBidirectionalStream().get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingTheConnectionIsSeenAsAnAbruptClose() throws Exception {
        SessionHandler server = new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                session.closeConnection(0x100, "going away");
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            CompletableFuture<CloseInfo> clientSaw = new CompletableFuture<>();
            loop.connect("/", recordingClose(clientSaw));
            CloseInfo info = clientSaw.get(5, TimeUnit.SECONDS);
            assertFalse(info.clean(), "abrupt: " + info);
            assertEquals(0x100, info.errorCode());
            assertTrue(info.reason().contains("going away"), info.reason());
        }
    }

    @Test
    void aRefusedSessionFailsWithTheStatus() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.reject(404))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> loop.client.connect(loop.uri("/missing"), new SessionHandler() { }).get(5, TimeUnit.SECONDS));
            assertEquals(404, assertInstanceOf(SessionRejectedException.class, e.getCause()).status());
        }
    }

    @Test
    void theServerSeesTheRequestFieldsTheClientSent() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        try (Loopback loop = new Loopback(r -> {
            seen.complete(r.headers().get(":method") + " " + r.protocol() + " " + r.path() + " " + r.origin()
                    + " " + r.headers().get(":scheme") + " " + r.authority());
            return ConnectResponse.accept(new SessionHandler() { });
        })) {
            Session s = loop.client.connect(loop.uri("/p?q=1"),
                    net.webtransport.client.WebTransportClient.ConnectOptions.DEFAULT.withOrigin("https://example.org"),
                    new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            assertEquals("CONNECT webtransport-h3 /p?q=1 https://example.org https localhost:" + loop.server.port(),
                    seen.get(5, TimeUnit.SECONDS));
            assertEquals("200", s.responseHeaders().get(":status"));
            assertEquals(0, s.id() % 4, "the session id is a client-initiated bidirectional stream id");
            s.close();
        }
    }
}
