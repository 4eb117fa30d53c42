package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.IoTransport;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** The transports and how connections spread over the event loops of both ends. */
class EventLoopsTest {

    @Test
    void withTwoServerLoopsEveryLoopCarriesConnectionsAndEachEchoes() throws Exception {
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .handler(r -> ConnectResponse.accept(new EchoHandler())).eventLoops(2).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf())
                     .eventLoops(2).build()) {
            assumeTrue(server.ioTransport() == IoTransport.EPOLL, "several server loops need epoll's SO_REUSEPORT");
            assertEquals(2, server.connectionsPerLoop().size());
            // Each connection has a socket of its own, and the kernel spreads their ports over the
            // server's sockets by a hash: keep connecting until both loops have some (each new one
            // misses a given loop with probability 1/2, so 64 all missing it will not happen).
            List<Session> sessions = new ArrayList<>();
            while (sessions.size() < 64 && (sessions.size() < 4 || server.connectionsPerLoop().contains(0))) {
                Session s = client.connect(URI.create("https://localhost:" + server.port() + "/"), new SessionHandler() { })
                        .get(10, TimeUnit.SECONDS);
                sessions.add(s);
            }
            List<Integer> perLoop = server.connectionsPerLoop();
            assertTrue(perLoop.get(0) > 0 && perLoop.get(1) > 0, "both server loops carry connections: " + perLoop);
            assertEquals(sessions.size(), perLoop.get(0) + perLoop.get(1));
            List<Integer> clientPerLoop = client.connectionsPerLoop();
            assertTrue(Math.abs(clientPerLoop.get(0) - clientPerLoop.get(1)) <= 1,
                    "the client takes its loops in turn: " + clientPerLoop);
            for (Session s : sessions) {
                BidirectionalStream stream = s.openBidirectionalStream().get(10, TimeUnit.SECONDS);
                stream.writable().write(Loopback.utf8("on every loop"));
                stream.writable().finish();
                byte[] echoed = Loopback.readAll(stream.readable()).get(10, TimeUnit.SECONDS);
                assertEquals("on every loop", new String(echoed, StandardCharsets.UTF_8));
                s.close();
            }
        }
    }

    @Test
    void nioServesOnOneLoopWhateverIsAsked() throws Exception {
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .handler(r -> ConnectResponse.accept(new EchoHandler())).ioTransport(IoTransport.NIO).eventLoops(4).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf())
                     .ioTransport(IoTransport.NIO).build()) {
            assertEquals(IoTransport.NIO, server.ioTransport());
            assertEquals("nio", server.ioTransportDescription());
            assertEquals(1, server.connectionsPerLoop().size());
            Session s = client.connect(URI.create("https://localhost:" + server.port() + "/"), new SessionHandler() { })
                    .get(10, TimeUnit.SECONDS);
            assertEquals(List.of(1), server.connectionsPerLoop());
            s.close();
        }
    }

    @Test
    void epollAskedForIsEpollWithItsOffloadsNamed() throws Exception {
        try (WebTransportServer auto = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .handler(r -> ConnectResponse.accept(new EchoHandler())).eventLoops(1).start()) {
            assumeTrue(auto.ioTransport() == IoTransport.EPOLL, "epoll is not available here");
        }
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .handler(r -> ConnectResponse.accept(new EchoHandler())).ioTransport(IoTransport.EPOLL).eventLoops(3).start()) {
            assertEquals(IoTransport.EPOLL, server.ioTransport());
            assertTrue(server.ioTransportDescription().startsWith("epoll ("), server.ioTransportDescription());
            assertEquals(List.of(0, 0, 0), server.connectionsPerLoop());
        }
    }
}
