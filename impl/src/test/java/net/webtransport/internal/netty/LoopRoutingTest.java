package net.webtransport.internal.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Connections stay with the server socket that owns them, whichever socket the kernel hands a packet to. */
class LoopRoutingTest {
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 4433);

    static DatagramPacket packet(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new DatagramPacket(Unpooled.wrappedBuffer(b), SERVER, CLIENT);
    }

    @Test
    void everyConnectionIdASocketIssuesStartsWithItsIndexAndStaysIdempotent() {
        LoopRouting routing = new LoopRouting(4, ConnectionIdLayout.PLAIN);
        ByteBuffer clientId = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5, 4, 3, 2});
        ByteBuffer first = routing.idGenerator(3).newId(clientId.duplicate(), 20);
        ByteBuffer again = routing.idGenerator(3).newId(clientId.duplicate(), 20);
        assertEquals(20, first.remaining());
        assertEquals(3, first.get(0));
        assertEquals(first, again, "the same input gives the same ID (Netty needs that for Initial retransmissions)");
        assertEquals(2, routing.idGenerator(2).newId(20).get(0));
    }

    @Test
    void aShortHeaderPacketForAnotherSocketsConnectionIsHandedToThatSocket() {
        LoopRouting routing = new LoopRouting(2, ConnectionIdLayout.PLAIN);
        EmbeddedChannel zero = new EmbeddedChannel(routing.forwarder(0));
        EmbeddedChannel one = new EmbeddedChannel(routing.forwarder(1));
        routing.register(0, zero);
        routing.register(1, one);

        DatagramPacket forOne = packet(0x40, 1, 0xaa, 0xbb);
        zero.writeInbound(forOne);
        assertNull(zero.readInbound(), "socket 0 does not pass on socket 1's packet");
        one.runPendingTasks();
        assertSame(forOne, one.readInbound(), "socket 1 gets it, as if it had arrived there");

        DatagramPacket forZero = packet(0x40, 0, 0xaa);
        zero.writeInbound(forZero);
        assertSame(forZero, zero.readInbound(), "its own packets stay");

        DatagramPacket handshake = packet(0xc0, 0, 0, 0, 1, 8, 1, 2, 3, 4, 5, 6, 7, 8);
        zero.writeInbound(handshake);
        assertSame(handshake, zero.readInbound(), "long-header packets stay where the kernel put them");

        DatagramPacket unknownTag = packet(0x40, 7, 0xaa);
        zero.writeInbound(unknownTag);
        assertSame(unknownTag, zero.readInbound(), "a tag no socket has stays for the codec to drop");
        zero.finishAndReleaseAll();
        one.finishAndReleaseAll();
    }
}
