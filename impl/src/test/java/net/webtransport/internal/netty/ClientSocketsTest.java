package net.webtransport.internal.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a client's connections get UDP sockets: one each up to the cap, then shared, each lease given back once. */
class ClientSocketsTest {
    final List<EmbeddedChannel> bound = new ArrayList<>();
    /** The loop every connection here asks for (each embedded channel has a loop of its own; that does not matter here). */
    final EventLoop loop = new EmbeddedChannel().eventLoop();
    final ClientSockets sockets = new ClientSockets(l -> {
        EmbeddedChannel c = new EmbeddedChannel();
        bound.add(c);
        return c.newSucceededFuture();
    });

    ClientSockets.Lease acquire() {
        return sockets.acquire(loop).join();
    }

    @Test
    void connectionsGetASocketEachUpToTheCapThenShareTheLeastUsed() {
        List<ClientSockets.Lease> own = new ArrayList<>();
        for (int i = 0; i < ClientSockets.OWN_SOCKETS_PER_LOOP; i++) {
            own.add(acquire());
        }
        Set<Object> distinct = new HashSet<>();
        own.forEach(l -> distinct.add(l.socket));
        assertEquals(ClientSockets.OWN_SOCKETS_PER_LOOP, distinct.size(), "a socket each up to the cap");
        ClientSockets.Lease shared = acquire();
        assertTrue(distinct.contains(shared.socket), "past the cap a connection shares a socket");
        assertEquals(ClientSockets.OWN_SOCKETS_PER_LOOP, bound.size(), "no socket bound past the cap");
        ClientSockets.Lease next = acquire();
        assertNotSame(shared.socket, next.socket, "the next one shares a socket that carries fewer");
    }

    @Test
    void aLeaseReleasedTwiceGivesItsSocketBackOnceSoTheOtherConnectionKeepsIt() {
        List<ClientSockets.Lease> own = new ArrayList<>();
        for (int i = 0; i < ClientSockets.OWN_SOCKETS_PER_LOOP; i++) {
            own.add(acquire());
        }
        ClientSockets.Lease failing = acquire();
        ClientSockets.Lease partner = own.stream().filter(l -> l.socket == failing.socket).findFirst().orElseThrow();
        // Spares full, so that a socket given back with no connection left is closed.
        for (int i = 0; i < ClientSockets.SPARE_SOCKETS_PER_LOOP; i++) {
            own.stream().filter(l -> l.socket != failing.socket).skip(i).findFirst().orElseThrow().release();
        }
        failing.release(); // the connection was closed...
        failing.release(); // ...and reported failed
        assertTrue(partner.socket.isActive(), "the socket still carries the other connection");
        partner.release();
        assertFalse(partner.socket.isActive(), "closed with its last connection, the spares being full");
        assertSame(partner.socket, failing.socket);
    }
}
