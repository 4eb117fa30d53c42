package net.webtransport.wpt;

import static net.webtransport.wpt.WptLoopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import org.junit.jupiter.api.Test;

/** token-count.py: tokens counted in the stash, each new count sent back as text. */
class TokenCountTest {

    /**
     * The next {@code length} characters the server sent (its replies never end the stream). Read
     * chunk by chunk: this library's sender holds the last byte of a stream's first write without
     * FIN back for up to a millisecond, so a reply such as {@code 42} may come as {@code 4} and
     * {@code 2}.
     */
    static String nextReply(ReceiveStream in, int length) throws Exception {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(StandardCharsets.UTF_8.decode(in.read().get(10, TimeUnit.SECONDS).data()));
        }
        return text.toString();
    }

    static void assertReply(String expected, ReceiveStream in) throws Exception {
        assertEquals(expected, nextReply(in, expected.length()));
    }

    @Test
    void aTokenOnAClientBidiStreamIsCountedAcrossSessions() throws Exception {
        String token = UUID.randomUUID().toString();
        try (WptLoopback loop = new WptLoopback()) {
            for (int expected = 1; expected <= 2; expected++) {
                Session session = loop.connect("token-count.py");
                BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
                // With FIN, so that the token leaves in one piece (this client holds back the last
                // byte of a first write without FIN for a moment).
                s.writable().write(utf8(token), true);
                assertReply(Integer.toString(expected), s.readable());
                assertEquals((long) expected, loop.server.stash().peek(token));
                session.close();
            }
        }
    }

    @Test
    void theServersOwnBidiStreamCountsToo() throws Exception {
        String token = UUID.randomUUID().toString();
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.server.stash().put(token, 41L);
            loop.connect("token-count.py", collector);
            BidirectionalStream s = collector.bidi.poll(10, TimeUnit.SECONDS);
            assertNotNull(s, "the server opens a bidirectional stream");
            s.writable().write(utf8(token), true);
            assertReply("42", s.readable());
        }
    }

    @Test
    void tokensOnAClientUniStreamAreAnsweredOnOneServerUniStream() throws Exception {
        String token = UUID.randomUUID().toString();
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("token-count.py", collector);
            SendStream out = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            // A one-byte first write goes out alone; later writes then leave whole, one chunk each.
            out.write(utf8("x"));
            ReceiveStream replies = collector.uni.poll(10, TimeUnit.SECONDS);
            assertNotNull(replies, "the server opens a unidirectional stream for the replies");
            assertReply("1", replies);

            out.write(utf8(token));
            assertReply("1", replies);
            out.write(utf8(token));
            assertReply("2", replies);
            assertEquals(2L, loop.server.stash().peek(token));
            assertSame(null, collector.uni.peek(), "all replies on the one stream");
        }
    }
}
