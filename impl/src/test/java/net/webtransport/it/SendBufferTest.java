package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.EndpointBuilder;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** Each send stream's buffer has the high-water mark its endpoint was built with. */
class SendBufferTest {

    @Test
    void aNewStreamOffersTheConfiguredSendBufferOnBothEndsAndTheDefaultOtherwise() throws Exception {
        CompletableFuture<Long> serverRoom = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                serverRoom.complete(stream.writable().desiredSize());
            }
        };
        try (WebTransportServer s = WebTransportServer.builder().certificate(Loopback.CERTIFICATE).sendBufferSize(300_000)
                     .handler(r -> ConnectResponse.accept(server)).start();
             WebTransportClient small = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).sendBufferSize(1000).build();
             WebTransportClient plain = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            URI uri = URI.create("https://localhost:" + s.port() + "/");
            Session session = small.connect(uri, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            assertEquals(1000, stream.writable().desiredSize());
            stream.writable().write(Loopback.utf8("x")).get(5, TimeUnit.SECONDS); // the server learns of the stream
            assertEquals(300_000, serverRoom.get(5, TimeUnit.SECONDS));

            Session other = plain.connect(uri, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            assertEquals(EndpointBuilder.DEFAULT_SEND_BUFFER_SIZE,
                    other.openUnidirectionalStream().get(5, TimeUnit.SECONDS).desiredSize());
        }
    }

    @Test
    void aSendBufferSmallerThanOneByteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebTransportClient.builder().sendBufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> WebTransportServer.builder().sendBufferSize(-1));
    }
}
