package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

class ServerInitiatedStreamTest {

    @Test
    void aServerOpenedBidirectionalStreamReachesTheClientAndCarriesTheReply() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                session.openBidirectionalStream().thenAccept(s -> {
                    s.writable().write(utf8("ping from server"));
                    s.writable().finish();
                    readAll(s.readable()).thenAccept(b -> reply.complete(utf8(b)));
                });
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            loop.connect("/", new SessionHandler() {
                @Override
                public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                    readAll(stream.readable()).thenAccept(b -> {
                        stream.writable().write(utf8("client got: " + utf8(b)));
                        stream.writable().finish();
                    });
                }
            });
            assertEquals("client got: ping from server", reply.get(10, TimeUnit.SECONDS));
        }
    }
}
