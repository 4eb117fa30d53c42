package net.webtransport.wpt.handlers;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Chunks;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code echo.py}: opens one bidirectional stream when the session starts; bytes on any
 * bidirectional stream come back on it, FIN included; bytes on a unidirectional stream come back
 * chunk by chunk on a server unidirectional stream opened with the first chunk (so a client that
 * never sends FIN still gets them), which ends when the client's does; datagrams come back.
 */
public final class Echo implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        return new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                session.openBidirectionalStream().thenAccept(Echo::echoOnItself);
            }

            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                echoOnItself(stream);
            }

            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                AtomicReference<CompletableFuture<SendStream>> out = new AtomicReference<>();
                Chunks.forEach(stream, (data, fin) -> {
                    if (out.get() == null) {
                        out.set(session.openUnidirectionalStream());
                    }
                    return out.get().thenCompose(s -> s.write(data, fin));
                }, failure -> { });
            }

            @Override
            public void onDatagram(Session session, ByteBuffer payload) {
                session.sendDatagram(payload);
            }
        };
    }

    static void echoOnItself(BidirectionalStream stream) {
        Chunks.forEach(stream.readable(), (data, fin) -> stream.writable().write(data, fin), failure -> { });
    }
}
