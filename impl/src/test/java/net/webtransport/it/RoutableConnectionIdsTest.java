package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.internal.netty.NettyServer;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.LoadBalancerRouting;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.IoTransport;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server with a QUIC-LB server id, seen from the wire: {@link UdpRelay} between client and server
 * reads the server's connection IDs out of the packets (the source ID of its long headers, the
 * destination ID of the client's short headers) as a load balancer would.
 */
class RoutableConnectionIdsTest {
    static final byte[] SERVER_ID = {0x5e, 0x17, (byte) 0xc0};

    static WebTransportServer server(LoadBalancerRouting routing, int loops) throws Exception {
        return WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                .handler(r -> ConnectResponse.accept(new EchoHandler())).eventLoops(loops)
                .loadBalancerRouting(routing).start();
    }

    /** A client of {@code server} behind a relay that records the server's connection IDs of {@code length} bytes. */
    static final class Wire implements AutoCloseable {
        final WebTransportClient client;
        final UdpRelay relay;
        /** Source IDs of the server's long-header packets (Initial, Handshake), hex. */
        final Set<String> longHeaderIds = ConcurrentHashMap.newKeySet();
        /** Destination IDs of the client's short-header packets, hex. */
        final Set<String> shortHeaderIds = ConcurrentHashMap.newKeySet();

        Wire(WebTransportServer server, int length, long seed) throws Exception {
            client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build();
            relay = new UdpRelay(server.port(), seed);
            relay.toClient.tap = packet -> {
                // long header: flags, version (4), DCID length and DCID, SCID length and SCID (RFC 9000 §17.2)
                if ((packet[0] & 0x80) != 0 && packet.length > 6 && !isVersionNegotiation(packet)) {
                    int scidAt = 6 + (packet[5] & 0xff);
                    int scidLength = packet[scidAt] & 0xff;
                    longHeaderIds.add(HexFormat.of().formatHex(packet, scidAt + 1, scidAt + 1 + scidLength));
                }
            };
            relay.toServer.tap = packet -> {
                if ((packet[0] & 0xc0) == 0x40 && packet.length > length) { // a short header: the DCID follows byte 0
                    shortHeaderIds.add(HexFormat.of().formatHex(packet, 1, 1 + length));
                }
            };
        }

        static boolean isVersionNegotiation(byte[] packet) {
            return packet[1] == 0 && packet[2] == 0 && packet[3] == 0 && packet[4] == 0;
        }

        Session connect() throws Exception {
            return client.connect(URI.create("https://localhost:" + relay.port() + "/"), new SessionHandler() { })
                    .get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            client.close();
            relay.close();
        }
    }

    /** Packets the server's sockets handed to the loop owning their connection (not public API). */
    static long packetsHandedOver(WebTransportServer server) throws ReflectiveOperationException {
        java.lang.reflect.Field field = WebTransportServer.class.getDeclaredField("server");
        field.setAccessible(true);
        return ((NettyServer) field.get(server)).packetsHandedOver();
    }

    static void echo(Session session, String text) throws Exception {
        BidirectionalStream stream = session.openBidirectionalStream().get(10, TimeUnit.SECONDS);
        stream.writable().write(Loopback.utf8(text));
        stream.writable().finish();
        assertEquals(text, Loopback.utf8(Loopback.readAll(stream.readable()).get(10, TimeUnit.SECONDS)));
    }

    /** Rotation in the high three bits, length - 1 in the low five, then the server id. */
    static void assertRoutable(String hex, int rotation, int length) {
        byte[] id = HexFormat.of().parseHex(hex);
        assertEquals(length, id.length, hex);
        assertEquals(rotation, (id[0] & 0xff) >>> 5, "config rotation bits of " + hex);
        assertEquals(length - 1, id[0] & 0x1f, "length bits of " + hex);
        for (int i = 0; i < SERVER_ID.length; i++) {
            assertEquals(SERVER_ID[i], id[1 + i], "server id byte " + i + " of " + hex);
        }
    }

    /** With one loop the nonce has no loop byte; with two it has. */
    @ParameterizedTest(name = "{0} server loop(s)")
    @ValueSource(ints = {1, 2})
    void everyConnectionIdTheServerHandsTheClientCarriesRotationLengthAndServerId(int loops) throws Exception {
        LoadBalancerRouting routing = LoadBalancerRouting.forServerId(SERVER_ID).withConfigRotation(2)
                .withConnectionIdLength(16);
        try (WebTransportServer server = server(routing, loops); Wire wire = new Wire(server, 16, 7)) {
            Session session = wire.connect();
            echo(session, "routable");
            session.close();
            assertFalse(wire.longHeaderIds.isEmpty(), "the server's Initial and Handshake packets were seen");
            assertFalse(wire.shortHeaderIds.isEmpty(), "the client's 1-RTT packets were seen");
            for (String id : wire.longHeaderIds) {
                assertRoutable(id, 2, 16);
            }
            for (String id : wire.shortHeaderIds) {
                assertRoutable(id, 2, 16);
            }
        }
    }

    /**
     * On two loops sharing the port, a rebinding of the client's address lands on either socket:
     * rebind new connections (one rebinding each) until one landed on the other socket and was
     * handed back to the owner, which must find the loop's tag after the server id (read at byte 0,
     * the first octet names no socket and the session stalls).
     */
    @Test
    void aClientWhoseAddressChangesIsHandedToItsLoopPastTheServerId() throws Exception {
        LoadBalancerRouting routing = LoadBalancerRouting.forServerId(SERVER_ID).withConfigRotation(3);
        try (WebTransportServer server = server(routing, 2)) {
            assumeTrue(server.ioTransport() == IoTransport.EPOLL, "several server loops need epoll's SO_REUSEPORT");
            int attempts = 0;
            while (packetsHandedOver(server) == 0 && attempts < 8) {
                attempts++;
                try (Wire wire = new Wire(server, 20, attempts)) {
                    Session session = wire.connect();
                    echo(session, "before");
                    wire.relay.rebind();
                    for (int i = 0; i < 3; i++) {
                        echo(session, "after rebinding " + i);
                    }
                    assertFalse(wire.shortHeaderIds.isEmpty());
                    for (String id : wire.shortHeaderIds) {
                        assertRoutable(id, 3, 20);
                    }
                    session.close();
                }
            }
            System.out.printf("server id routing: %d connection(s) rebound, %d packets handed between loops%n", attempts,
                    packetsHandedOver(server));
            assumeTrue(packetsHandedOver(server) > 0, "the kernel kept all " + attempts + " new ports on the owner's socket");
        }
    }
}
