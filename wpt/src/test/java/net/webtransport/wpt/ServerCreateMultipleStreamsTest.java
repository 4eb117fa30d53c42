package net.webtransport.wpt;

import static net.webtransport.wpt.WptLoopback.readText;
import static net.webtransport.wpt.WptLoopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import org.junit.jupiter.api.Test;

/** server-create-multiple-streams.py, as incoming-multiple-streams.https.any.js uses it. */
class ServerCreateMultipleStreamsTest {

    static List<String> expected(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("stream" + i);
        }
        return texts;
    }

    /** The texts of all streams, sorted: QUIC may deliver the streams in any order. */
    static List<String> texts(List<CompletableFuture<String>> reads) throws Exception {
        List<String> texts = new ArrayList<>();
        for (CompletableFuture<String> r : reads) {
            texts.add(r.get(10, TimeUnit.SECONDS));
        }
        texts.sort(null);
        return texts;
    }

    @Test
    void fiveUnidirectionalStreamsEachCarryTheirNameAndFin() throws Exception {
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.connect("server-create-multiple-streams.py?type=unidi&count=5", collector);
            List<CompletableFuture<String>> reads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ReceiveStream s = collector.uni.poll(10, TimeUnit.SECONDS);
                assertNotNull(s, "stream " + i + " of 5 did not come");
                reads.add(readText(s));
            }
            assertEquals(expected(5), texts(reads));
            assertEquals(0, collector.bidi.size(), "no bidirectional stream");
        }
    }

    @Test
    void fiveBidirectionalStreamsEachCarryTheirNameAndFin() throws Exception {
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.connect("server-create-multiple-streams.py?type=bidi&count=5", collector);
            List<CompletableFuture<String>> reads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                BidirectionalStream s = collector.bidi.poll(10, TimeUnit.SECONDS);
                assertNotNull(s, "stream " + i + " of 5 did not come");
                reads.add(readText(s.readable()));
            }
            assertEquals(expected(5), texts(reads));
        }
    }

    @Test
    void byDefaultThreeBidirectionalStreamsWhichTakeWhatTheClientSends() throws Exception {
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.connect("server-create-multiple-streams.py", collector);
            List<CompletableFuture<String>> reads = new ArrayList<>();
            List<BidirectionalStream> streams = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                BidirectionalStream s = collector.bidi.poll(10, TimeUnit.SECONDS);
                assertNotNull(s, "stream " + i + " of 3 did not come");
                streams.add(s);
                reads.add(readText(s.readable()));
            }
            assertEquals(expected(3), texts(reads));
            // Upstream's server reads what comes on them (it does not refuse the stream): a megabyte,
            // more than a stream's flow-control window, goes through to its FIN.
            streams.get(0).writable().write(utf8("y".repeat(1 << 20)), true).get(10, TimeUnit.SECONDS);
            assertEquals(0, collector.uni.size(), "no unidirectional stream");
        }
    }
}
