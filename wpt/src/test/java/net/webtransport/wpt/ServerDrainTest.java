package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.webtransport.transport.Session;
import org.junit.jupiter.api.Test;

/** server-drain.py, as draining.https.any.js uses it. */
class ServerDrainTest {

    @Test
    void withDrainInTheQueryTheServerAsksToDrainAtOnce() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("server-drain.py?drain");
            session.draining().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anyQueryContainingDrainCounts() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            loop.connect("server-drain.py?token=1&mode=nodrain").draining().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutDrainInTheQueryTheSessionIsNotDrained() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session plain = loop.connect("server-drain.py?token=1");
            Session drained = loop.connect("server-drain.py?drain");
            // The server would have asked the first session to drain before the second one even started.
            drained.draining().get(10, TimeUnit.SECONDS);
            assertFalse(plain.draining().isDone());
            assertThrows(TimeoutException.class, () -> plain.draining().get(300, TimeUnit.MILLISECONDS));
        }
    }
}
