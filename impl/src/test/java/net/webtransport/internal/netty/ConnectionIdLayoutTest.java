package net.webtransport.internal.netty;

import static net.webtransport.internal.netty.LoopRoutingTest.packet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.quic.QuicConnectionIdGenerator;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The QUIC-LB plaintext layout of server-issued connection IDs, with the loop tag in its nonce. */
class ConnectionIdLayoutTest {
    static final byte[] SERVER_ID = {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3};

    /** Every way Netty asks for an ID: for a new connection's Initial, from a previous ID, and with no input. */
    static List<ByteBuffer> idsFrom(QuicConnectionIdGenerator generator, int length) {
        ByteBuffer scid = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        ByteBuffer dcid = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5, 4, 3, 2});
        return List.of(generator.newId(scid.duplicate(), dcid.duplicate(), length),
                generator.newId(dcid.duplicate(), length), generator.newId(length));
    }

    @Test
    void everyIdStartsWithRotationAndLengthThenTheServerIdThenTheLoopTag() {
        ConnectionIdLayout layout = ConnectionIdLayout.quicLbPlaintext(SERVER_ID, 5, true, 20);
        LoopRouting routing = new LoopRouting(2, layout);
        for (ByteBuffer id : idsFrom(routing.idGenerator(1), 20)) {
            assertEquals(20, id.remaining());
            assertEquals(0b101_10011, id.get(0) & 0xff, "rotation 5 in the high bits, length 20 - 1 in the low ones");
            byte[] sid = new byte[3];
            id.get(1, sid);
            assertArrayEquals(SERVER_ID, sid);
            assertEquals(1, id.get(4), "the loop tag is the first nonce byte");
            assertEquals(4, layout.tagOffset());
        }
    }

    @Test
    void theNonceStaysSignedAndIdempotentAndWithOneLoopHasNoTag() {
        ConnectionIdLayout layout = ConnectionIdLayout.quicLbPlaintext(SERVER_ID, 0, true, 12);
        QuicConnectionIdGenerator untagged = LoopRouting.idGenerator(layout, -1);
        QuicConnectionIdGenerator plain = QuicConnectionIdGenerator.signGenerator();
        ByteBuffer input = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5, 4, 3, 2});
        ByteBuffer id = untagged.newId(input.duplicate(), 12);
        assertEquals(id, untagged.newId(input.duplicate(), 12), "the same input gives the same ID");
        assertEquals(0b000_01011, id.get(0) & 0xff);
        assertEquals(plain.newId(input.duplicate(), 12).slice(4, 8), id.slice(4, 8),
                "after the server id, Netty's signed bytes, untouched");
        assertNotEquals(id, untagged.newId(ByteBuffer.wrap(new byte[] {1}), 12), "another input, another nonce");
    }

    @Test
    void withoutSelfDescriptionTheLowBitsAreTheSignedOnes() {
        ConnectionIdLayout layout = ConnectionIdLayout.quicLbPlaintext(SERVER_ID, 6, false, 20);
        ByteBuffer input = ByteBuffer.wrap(new byte[] {4, 4, 4, 4});
        int signed = QuicConnectionIdGenerator.signGenerator().newId(input.duplicate(), 20).get(0) & 0xff;
        int first = LoopRouting.idGenerator(layout, 0).newId(input.duplicate(), 20).get(0) & 0xff;
        assertEquals(0b110_00000 | signed & 0x1f, first);
    }

    @Test
    void thePlainLayoutKeepsTheTagAtByteZeroAsBefore() {
        assertEquals(0, ConnectionIdLayout.PLAIN.tagOffset());
        assertEquals(20, ConnectionIdLayout.PLAIN.length());
        for (ByteBuffer id : idsFrom(new LoopRouting(3, ConnectionIdLayout.PLAIN).idGenerator(2), 20)) {
            assertEquals(2, id.get(0));
        }
    }

    @Test
    void theForwarderReadsTheTagAfterTheServerId() {
        LoopRouting routing = new LoopRouting(2, ConnectionIdLayout.quicLbPlaintext(new byte[] {0x77}, 1, true, 20));
        EmbeddedChannel zero = new EmbeddedChannel(routing.forwarder(0));
        EmbeddedChannel one = new EmbeddedChannel(routing.forwarder(1));
        routing.register(0, zero);
        routing.register(1, one);

        // short header, first octet (rotation 1, length 20), server id 0x77, tag 1
        DatagramPacket forOne = packet(0x40, 0b001_10011, 0x77, 1, 0xaa, 0xbb);
        zero.writeInbound(forOne);
        assertNull(zero.readInbound(), "socket 0 passes on socket 1's packet");
        one.runPendingTasks();
        assertSame(forOne, one.readInbound());
        assertEquals(1, routing.handedOver());

        // byte 1 is 0 here, which a reader of the plain layout would take for socket 0's tag
        DatagramPacket forZeroLooksLikeOne = packet(0x40, 0, 0x77, 0, 0xaa);
        one.writeInbound(forZeroLooksLikeOne);
        assertNull(one.readInbound(), "the tag is read at byte 2 of the DCID, not byte 0");
        zero.runPendingTasks();
        assertSame(forZeroLooksLikeOne, zero.readInbound());

        DatagramPacket tooShort = packet(0x40, 0b001_10011, 0x77);
        zero.writeInbound(tooShort);
        assertSame(tooShort, zero.readInbound(), "a packet ending before the tag stays for the codec to drop");
        zero.finishAndReleaseAll();
        one.finishAndReleaseAll();
    }

    @Test
    void valuesThatDoNotFitAreRefusedWithTheReason() {
        assertTrue(refusal(new byte[0], 0, 20).contains("server id is 1 to 15 bytes, not 0"));
        assertTrue(refusal(new byte[16], 0, 20).contains("server id is 1 to 15 bytes, not 16"));
        assertTrue(refusal(SERVER_ID, 7, 20).contains("0 to 6 (7 marks connection IDs a balancer cannot route), not 7"));
        assertTrue(refusal(SERVER_ID, -1, 20).contains("not -1"));
        assertTrue(refusal(SERVER_ID, 0, 21).contains("at most 20 bytes (quiche's limit), not 21"));
        assertTrue(refusal(SERVER_ID, 0, 7).contains("needs 8 bytes"), refusal(SERVER_ID, 0, 7));
        assertEquals(8, ConnectionIdLayout.quicLbPlaintext(SERVER_ID, 0, true, 8).length());
        assertEquals(20, ConnectionIdLayout.quicLbPlaintext(new byte[15], 6, true, 20).length());
    }

    static String refusal(byte[] serverId, int rotation, int length) {
        return assertThrows(IllegalArgumentException.class,
                () -> ConnectionIdLayout.quicLbPlaintext(serverId, rotation, true, length)).getMessage();
    }
}
