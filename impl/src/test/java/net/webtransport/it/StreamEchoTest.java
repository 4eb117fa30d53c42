package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.readAllInto;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReadResult;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamEchoTest {
    static Loopback loop;

    @BeforeAll
    static void start() throws Exception {
        loop = new Loopback(request -> ConnectResponse.accept(new EchoHandler()));
    }

    @AfterAll
    static void stop() {
        loop.close();
    }

    @Test
    void bytesWrittenOnAClientBidirectionalStreamComeBackFollowedByFin() throws Exception {
        Session session = loop.connect("/echo", new SessionHandler() { });
        BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
        stream.writable().write(utf8("hello, "));
        stream.writable().write(utf8("webtransport"));
        stream.writable().finish().get(5, TimeUnit.SECONDS);
        assertEquals("hello, webtransport", utf8(readAll(stream.readable()).get(5, TimeUnit.SECONDS)));
        ReadResult after = stream.readable().read().get(5, TimeUnit.SECONDS);
        assertTrue(after.fin(), "reads after FIN report the end");
        session.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aClientUnidirectionalStreamIsEchoedOnAServerUnidirectionalStream() throws Exception {
        CompletableFuture<byte[]> echoed = new CompletableFuture<>();
        Session session = loop.connect("/echo", new SessionHandler() {
            @Override
            public void onUnidirectionalStream(Session s, ReceiveStream stream) {
                readAllInto(stream, echoed);
            }
        });
        SendStream out = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
        out.write(utf8("one way"));
        out.finish();
        assertEquals("one way", utf8(echoed.get(5, TimeUnit.SECONDS)));
        session.close();
    }

    @Test
    void anEmptyStreamWithOnlyFinIsEchoedAsEmpty() throws Exception {
        Session session = loop.connect("/echo", new SessionHandler() { });
        BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
        stream.writable().finish();
        assertEquals(0, readAll(stream.readable()).get(5, TimeUnit.SECONDS).length);
        session.close();
    }

    @Test
    void manyStreamsOnOneSessionStayApart() throws Exception {
        Session session = loop.connect("/echo", new SessionHandler() { });
        int n = 50;
        CompletableFuture<?>[] done = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            String text = "stream-" + i + "-" + "x".repeat(i * 100);
            done[i] = session.openBidirectionalStream().thenCompose(s -> {
                s.writable().write(utf8(text));
                s.writable().finish();
                return readAll(s.readable());
            }).thenAccept(bytes -> assertEquals(text, utf8(bytes)));
        }
        CompletableFuture.allOf(done).get(20, TimeUnit.SECONDS);
        session.close();
    }

    @Test
    void writesCopyTheCallersBuffer() throws Exception {
        Session session = loop.connect("/echo", new SessionHandler() { });
        BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
        ByteBuffer reused = ByteBuffer.allocate(4);
        reused.put("abcd".getBytes()).flip();
        stream.writable().write(reused);
        reused.clear();
        reused.put("wxyz".getBytes()).flip();
        stream.writable().write(reused);
        stream.writable().finish();
        assertEquals("abcdwxyz", utf8(readAll(stream.readable()).get(5, TimeUnit.SECONDS)));
        session.close();
    }
}
