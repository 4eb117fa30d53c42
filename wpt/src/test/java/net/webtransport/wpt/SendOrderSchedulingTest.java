package net.webtransport.wpt;

import static net.webtransport.wpt.SendOrderTest.filled;
import static net.webtransport.wpt.WptLoopback.readText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.Session;
import org.junit.jupiter.api.Test;

/** sendorder-scheduling.py: on each stream's FIN, the byte counts of all streams by marker, as JSON. */
class SendOrderSchedulingTest {

    static String send(Session session, ByteBuffer data) throws Exception {
        BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
        s.writable().write(data, true);
        return readText(s.readable()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachFinIsAnsweredWithTheCountsOfAllStreamsSoFar() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("sendorder-scheduling.py");
            assertEquals("{\"1\": 1000}", send(session, filled(1, 1000)));
            assertEquals("{\"1\": 1000, \"2\": 500}", send(session, filled(2, 500)));
            assertEquals("{\"1\": 1000, \"2\": 500}", send(session, ByteBuffer.allocate(0)),
                    "a stream without bytes has no marker and no entry");
            ByteBuffer mixed = ByteBuffer.wrap(new byte[] {3, 4, 4, 4});
            assertEquals("{\"1\": 1000, \"2\": 500, \"3\": 4}", send(session, mixed),
                    "the first byte is the marker, every byte counts");
        }
    }

    @Test
    void countsArePerSession() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            assertEquals("{\"7\": 10}", send(loop.connect("sendorder-scheduling.py"), filled(7, 10)));
            assertEquals("{\"9\": 20}", send(loop.connect("sendorder-scheduling.py"), filled(9, 20)));
        }
    }

    @Test
    void aHigherSendOrderStreamIsReceivedFirst() throws Exception {
        int size = 10 << 20; // as upstream's sendorder-scheduling test
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("sendorder-scheduling.py");
            BidirectionalStream low = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            BidirectionalStream high = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            low.writable().sendOrder(1);
            high.writable().sendOrder(2);
            low.writable().write(filled(1, size), true);
            high.writable().write(filled(2, size), true);
            String counts = readText(high.readable()).get(30, TimeUnit.SECONDS);
            // {"1": N, "2": size} or {"2": size, "1": N} or {"2": size}
            long lowCount = 0;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"1\": (\\d+)").matcher(counts);
            if (m.find()) {
                lowCount = Long.parseLong(m.group(1));
            }
            assertEquals(true, counts.contains("\"2\": " + size), counts);
            assertEquals(true, lowCount < size / 2, "the low stream mostly waited: " + counts);
            readText(low.readable()).get(30, TimeUnit.SECONDS);
        }
    }
}
