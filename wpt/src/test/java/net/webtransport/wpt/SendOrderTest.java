package net.webtransport.wpt;

import static net.webtransport.wpt.WptLoopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import org.junit.jupiter.api.Test;

/** sendorder.py: the stash summary of first bytes, and datagram echo. */
class SendOrderTest {

    static ByteBuffer filled(int value, int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    @Test
    void theStashListsTheFirstByteOfEachChunkInArrivalOrder() throws Exception {
        String token = UUID.randomUUID().toString();
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("sendorder.py?token=" + token);
            assertEquals(List.of(), loop.awaitStash(token, List.of()), "an empty summary from the start");

            SendStream uni = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            uni.write(filled(1, 10), true);
            assertEquals(List.of(1), loop.awaitStash(token, List.of(1)));

            BidirectionalStream bidi = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            bidi.writable().write(filled(0xfe, 10), true);
            assertEquals(List.of(1, 0xfe), loop.awaitStash(token, List.of(1, 0xfe)), "bytes as 0-255");
        }
    }

    @Test
    void aResetPutsTheSummaryAndStartsAFreshOne() throws Exception {
        String token = UUID.randomUUID().toString();
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("sendorder.py?token=" + token);
            SendStream first = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            first.write(filled(1, 10), true);
            loop.awaitStash(token, List.of(1));
            SendStream second = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            second.write(filled(2, 1));
            assertEquals(List.of(1, 2), loop.awaitStash(token, List.of(1, 2)));

            // As query.py would, take the summary out: the reset's put then finds the key free.
            assertEquals(List.of(1, 2), loop.server.stash().take(token));
            second.reset(0);
            assertEquals(List.of(1, 2), loop.awaitStash(token, List.of(1, 2)), "put again on the reset");

            SendStream third = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            third.write(filled(3, 10), true);
            assertEquals(List.of(3), loop.awaitStash(token, List.of(3)), "the reset emptied the summary");
        }
    }

    @Test
    void datagramsAreEchoed() throws Exception {
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("sendorder.py?token=" + UUID.randomUUID(), collector);
            ByteBuffer echoed = null;
            for (int i = 0; i < 50 && echoed == null; i++) { // datagrams may be lost
                session.sendDatagram(utf8("order")).get(5, TimeUnit.SECONDS);
                echoed = collector.datagrams.poll(100, TimeUnit.MILLISECONDS);
            }
            assertEquals(utf8("order"), echoed);
        }
    }
}
