package net.webtransport.wpt;

import static net.webtransport.wpt.WptLoopback.readText;
import static net.webtransport.wpt.WptLoopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.Session;
import org.junit.jupiter.api.Test;

/** stats-data-transfer.py: 5000 bytes on a server bidi stream, client data taken, datagrams echoed. */
class StatsDataTransferTest {

    @Test
    void theServerSends5000XsAndFinOnABidiStream() throws Exception {
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.connect("stats-data-transfer.py", collector);
            BidirectionalStream s = collector.bidi.poll(10, TimeUnit.SECONDS);
            assertNotNull(s, "the server opens a bidirectional stream");
            assertEquals("X".repeat(5000), readText(s.readable()).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void whatTheClientSendsIsTakenToItsEnd() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("stats-data-transfer.py");
            BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            // More than a stream's flow-control window: only a server that reads lets it all through.
            s.writable().write(utf8("y".repeat(1 << 20)), true).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void datagramsAreEchoed() throws Exception {
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("stats-data-transfer.py", collector);
            ByteBuffer echoed = null;
            for (int i = 0; i < 50 && echoed == null; i++) { // datagrams may be lost
                session.sendDatagram(utf8("stats")).get(5, TimeUnit.SECONDS);
                echoed = collector.datagrams.poll(100, TimeUnit.MILLISECONDS);
            }
            assertEquals(utf8("stats"), echoed);
        }
    }
}
