package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.Session;
import org.junit.jupiter.api.Test;

/** server-close.py, server-read-then-close.py and server-connection-close.py. */
class ServerCloseTest {

    @Test
    void serverCloseEndsTheSessionWithTheCodeAndReasonFromTheQuery() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            CloseInfo info = loop.connect("server-close.py?code=32&reason=abc").closed().get(5, TimeUnit.SECONDS);
            assertTrue(info.clean());
            assertFalse(info.local());
            assertEquals(32, info.errorCode());
            assertEquals("abc", info.reason());
        }
    }

    @Test
    void serverCloseWithoutACodeReadsAsCodeZeroAndAnEmptyReason() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            CloseInfo info = loop.connect("server-close.py").closed().get(5, TimeUnit.SECONDS);
            assertTrue(info.clean());
            assertEquals(0, info.errorCode());
            assertEquals("", info.reason());
        }
    }

    @Test
    void serverReadThenCloseClosesTheSessionOnTheFirstBytes() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("server-read-then-close.py");
            var s = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            assertFalse(session.closed().isDone());
            s.write(WptLoopback.utf8("x"));
            CloseInfo info = session.closed().get(5, TimeUnit.SECONDS);
            assertTrue(info.clean());
            assertEquals(0, info.errorCode());
        }
    }

    @Test
    void serverConnectionCloseDropsTheConnectionOnTheFirstBytes() throws Exception {
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("server-connection-close.py", collector);
            var serverOpened = collector.bidi.poll(5, TimeUnit.SECONDS);
            serverOpened.writable().write(WptLoopback.utf8("x"));
            CloseInfo info = session.closed().get(5, TimeUnit.SECONDS);
            assertFalse(info.clean(), "the connection went, not just the session: " + info);
        }
    }
}
