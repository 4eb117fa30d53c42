package net.webtransport.w3c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import net.webtransport.InvalidStateError;
import net.webtransport.WebTransport;
import net.webtransport.WebTransportBidirectionalStream;
import net.webtransport.WebTransportConnectionStats;
import net.webtransport.server.ConnectResponse;
import org.junit.jupiter.api.Test;

/** getStats() (W3C §getStats) with what the QUIC stack reports, and absent members where it reports nothing. */
class StatsTest {
    /** A transport and the bidirectional stream on which it sent 50,000 bytes and read them all back. */
    private record Echoed(WebTransport wt, WebTransportBidirectionalStream stream) {
    }

    private static Echoed echo50k(W3cServer server) throws Exception {
        server.route = r -> ConnectResponse.accept(StreamsTest.echo(new java.util.concurrent.LinkedBlockingQueue<>()));
        WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
        WebTransportBidirectionalStream s = wt.createBidirectionalStream().get(10, TimeUnit.SECONDS);
        var writer = s.writable().getWriter();
        writer.write(new byte[50_000]);
        writer.close();
        assertEquals(50_000, StreamsTest.readAll(s.readable()).length);
        return new Echoed(wt, s);
    }

    @Test
    void aDedicatedConnectionShowsItsCountersAndPathEstimatesAndNothingMadeUp() throws Exception {
        try (W3cServer server = new W3cServer()) {
            Echoed echoed = echo50k(server);
            WebTransport wt = echoed.wt();
            WebTransportBidirectionalStream s = echoed.stream();
            var sendStats = s.writable().getStats().get(10, TimeUnit.SECONDS);
            assertEquals(50_000, sendStats.bytesWritten());
            assertTrue(sendStats.bytesSent() <= sendStats.bytesWritten() && sendStats.bytesSent() >= 49_999,
                    "all but perhaps a held-back byte went out: " + sendStats);
            assertNull(sendStats.bytesAcknowledged(), "no per-stream acknowledgements from the stack");
            var receiveStats = s.readable().getStats().get(10, TimeUnit.SECONDS);
            assertEquals(50_000, receiveStats.bytesReceived());
            assertEquals(50_000, receiveStats.bytesRead());
            WebTransportConnectionStats stats = wt.getStats().get(10, TimeUnit.SECONDS);
            assertTrue(stats.bytesSent() > 50_000, "bytesSent " + stats.bytesSent());
            assertTrue(stats.bytesReceived() > 50_000, "bytesReceived " + stats.bytesReceived());
            assertTrue(stats.packetsSent() > 0 && stats.packetsReceived() > 0);
            assertNotNull(stats.packetsLost());
            assertTrue(stats.smoothedRtt() > 0, "smoothedRtt " + stats.smoothedRtt());
            assertNull(stats.rttVariation(), "Netty does not report it");
            assertNull(stats.minRtt(), "Netty does not report it");
            assertNull(stats.bytesAcknowledged());
            assertEquals(0L, stats.datagrams().droppedIncoming());
            assertNull(stats.datagrams().lostOutgoing());
            wt.close();
            assertEquals(stats.bytesSent(), wt.getStats().get(10, TimeUnit.SECONDS).bytesSent(), "closed: the last figures");
        }
    }

    @Test
    void afterCloseGetStatsGivesTheFiguresAsTheSessionClosedEvenWithoutAnEarlierCall() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = echo50k(server).wt();
            wt.close();
            WebTransportConnectionStats stats = wt.getStats().get(10, TimeUnit.SECONDS);
            assertTrue(stats.bytesSent() > 50_000, "the most recent figures, not an empty report: " + stats);
            assertTrue(stats.smoothedRtt() > 0);
        }
    }

    @Test
    void aFailedTransportHasNoStatistics() throws Exception {
        try (W3cServer server = new W3cServer()) {
            server.route = r -> ConnectResponse.reject(404);
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            SessionLifecycleTest.failureOf(wt.ready());
            assertInstanceOf(InvalidStateError.class, SessionLifecycleTest.failureOf(wt.getStats()));
        }
    }
}
