package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.LoadBalancerRouting;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One session whose client moves to a new source port again and again (a NAT rebinding, through
 * {@link UdpRelay}): every move, not only the first, must leave the session echoing byte-exact
 * within a few seconds. The server's quiche keeps one path per address the connection was seen
 * from and never frees one, so each move takes a path slot (see {@code Http3Setup.SERVER_PATHS});
 * with quiche's default of 2 slots the second move stalled the session until its idle timeout.
 */
class RepeatedRebindingTest {
    /** An echo after a move must finish within this; the idle timeout (30 s) is far beyond it. */
    static final long RECOVERY_SECONDS = 5;

    @ParameterizedTest(name = "{0} server loop(s), server id {1}")
    @CsvSource({"1, false", "2, false", "2, true"})
    void fourRebindingsOfOneSessionEachKeepItWorking(int loops, boolean serverId) throws Exception {
        moveAndEcho(loops, serverId, 4, 256 << 10);
    }

    /** As many moves as the server's path table allows: 16 paths, the first one the handshake's. */
    @Test
    void fifteenRebindingsOfOneSessionEachKeepItWorking() throws Exception {
        moveAndEcho(1, false, 15, 32 << 10);
    }

    /** Echoes once, then {@code moves} times moves the client's port and echoes again: odd moves between echoes, even ones mid-echo. */
    static void moveAndEcho(int loops, boolean serverId, int moves, int echoBytes) throws Exception {
        WebTransportServer.Builder builder = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .handler(r -> ConnectResponse.accept(new EchoHandler())).eventLoops(loops);
        if (serverId) {
            builder.loadBalancerRouting(LoadBalancerRouting.forServerId(new byte[] {0x0b, 0x1d}));
        }
        try (WebTransportServer server = builder.start();
                WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build();
                UdpRelay relay = new UdpRelay(server.port(), 11 + loops)) {
            relay.toServer.lossy(0, 2);
            relay.toClient.lossy(0, 2);
            Session session = client.connect(URI.create("https://localhost:" + relay.port() + "/"), new SessionHandler() { })
                    .get(30, TimeUnit.SECONDS);
            Random random = new Random(moves);
            echo(session, random, echoBytes, null);
            StringBuilder figures = new StringBuilder();
            for (int move = 1; move <= moves; move++) {
                int portBefore = relay.serverFacingPort();
                long toClientBefore = relay.toClient.forwarded.get();
                long started = System.nanoTime();
                try {
                    if (move % 2 == 1) {
                        relay.rebind();
                        echo(session, random, echoBytes, null);
                    } else {
                        echo(session, random, echoBytes, relay);
                    }
                } catch (TimeoutException e) {
                    fail("move " + move + " of the client's port stalled the session (the client got "
                            + (relay.toClient.forwarded.get() - toClientBefore) + " packets since); before it: " + figures);
                }
                assertTrue(relay.serverFacingPort() != portBefore, "the server saw a new port");
                figures.append(String.format("%s%.0f", move == 1 ? "" : ", ", (System.nanoTime() - started) / 1e6));
            }
            System.out.printf("repeated rebinding, %d loop(s), server id %b: %d KiB echoed after each of %d moves in [%s] ms%n",
                    loops, serverId, echoBytes >> 10, moves, figures);
            session.close();
        }
    }

    /** Echoes {@code size} random bytes on a new stream; with {@code moveHalfway}, rebinds after half is written. */
    static void echo(Session session, Random random, int size, UdpRelay moveHalfway) throws Exception {
        byte[] data = new byte[size];
        random.nextBytes(data);
        BidirectionalStream stream = session.openBidirectionalStream().get(RECOVERY_SECONDS, TimeUnit.SECONDS);
        var echoed = Loopback.readAll(stream.readable());
        stream.writable().write(ByteBuffer.wrap(data, 0, size / 2)).get(RECOVERY_SECONDS, TimeUnit.SECONDS);
        if (moveHalfway != null) {
            moveHalfway.rebind();
        }
        stream.writable().write(ByteBuffer.wrap(data, size / 2, size - size / 2), true);
        assertArrayEquals(data, echoed.get(RECOVERY_SECONDS, TimeUnit.SECONDS), "echoed byte-exact");
    }
}
