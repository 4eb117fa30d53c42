package net.webtransport.wpt;

import static net.webtransport.wpt.QueryTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.Session;
import org.junit.jupiter.api.Test;

/** client-close.py: how the client ended its stream and its session, recorded in the stash and read back with query.py. */
class ClientCloseTest {

    /** Once the server recorded something under {@code token}, reads it back through query.py (which takes it). */
    static String awaitRecord(WptLoopback loop, String token) throws Exception {
        return awaitRecord(loop, token, "");
    }

    /** As {@link #awaitRecord(WptLoopback, String)}, once the record mentions {@code key}. */
    static String awaitRecord(WptLoopback loop, String token, String key) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (loop.server.stash().peek(token) instanceof Map<?, ?> m && (key.isEmpty() || m.containsKey(key))) {
                break;
            }
            Thread.onSpinWait();
        }
        return query(loop, token);
    }

    /** A client that keeps the bidirectional stream the server opens, as a page does, instead of refusing it. */
    static Session connect(WptLoopback loop, String token) throws Exception {
        return loop.connect("client-close.py?token=" + token, new EchoTest.Collector());
    }

    @Test
    void aCleanCloseWithCodeAndReasonIsRecorded() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = connect(loop, "c1");
            session.close(42, "bye").get(5, TimeUnit.SECONDS);
            String json = awaitRecord(loop, "c1", "session-close-info");
            // The close also ends the server's stream, which may be recorded as well; the session's part is what counts.
            assertTrue(json.contains("\"session-close-info\": {\"abruptly\": false, \"close_info\": {\"code\": 42, \"reason\": \"bye\"}}"), json);
        }
    }

    @Test
    void aStreamEndedWithFinIsRecorded() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = connect(loop, "c2");
            BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            s.writable().write(WptLoopback.utf8("x"), true).get(5, TimeUnit.SECONDS);
            assertEquals("{\"stream-close-info\": {\"source\": \"FIN\"}}", awaitRecord(loop, "c2"));
        }
    }

    @Test
    void aStreamResetIsRecordedWithItsRawHttp3Code() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = connect(loop, "c3");
            BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            s.writable().write(WptLoopback.utf8("x")).get(5, TimeUnit.SECONDS);
            s.writable().reset(7);
            long raw = 0x52e4a40fa8dbL + 7; // what WebTransport code 7 becomes on the wire
            assertEquals("{\"stream-close-info\": {\"source\": \"reset\", \"code\": " + raw + "}}", awaitRecord(loop, "c3"));
        }
    }

    @Test
    void anAbruptEndIsRecordedWithoutCloseInfo() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = connect(loop, "c4");
            session.closeConnection(0x100, "gone");
            assertEquals("{\"session-close-info\": {\"abruptly\": true, \"close_info\": null}}", awaitRecord(loop, "c4"));
        }
    }

    @Test
    void theServerOpensABidiStreamWhoseFinIsRecordedToo() throws Exception {
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.connect("client-close.py?token=c5", collector);
            BidirectionalStream serverOpened = collector.bidi.poll(5, TimeUnit.SECONDS);
            serverOpened.writable().finish().get(5, TimeUnit.SECONDS);
            assertEquals("{\"stream-close-info\": {\"source\": \"FIN\"}}", awaitRecord(loop, "c5"));
        }
    }
}
