package net.webtransport.wpt;

import static net.webtransport.wpt.WptLoopback.http3Code;
import static net.webtransport.wpt.WptLoopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.StreamResetException;
import net.webtransport.transport.StreamStoppedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** abort-stream-from-server.py, as streams-close.https.any.js uses it. */
class AbortStreamFromServerTest {

    /** Writes until a write fails (the server's STOP_SENDING reached us) and returns that failure. */
    static Throwable writeUntilFailure(SendStream out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                out.write(utf8("more")).get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
        throw new AssertionError("writes never failed");
    }

    @ParameterizedTest(name = "WebTransport code {0}")
    @ValueSource(longs = {0, 0xffffffffL})
    void dataOnABidiStreamIsAnsweredWithStopSendingAndResetCarryingTheCode(long wtCode) throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("abort-stream-from-server.py?code=" + http3Code(wtCode));
            BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            s.writable().write(utf8("hello"));
            ExecutionException read = assertThrows(ExecutionException.class,
                    () -> s.readable().read().get(10, TimeUnit.SECONDS));
            StreamResetException reset = assertInstanceOf(StreamResetException.class, read.getCause());
            assertEquals(wtCode, reset.errorCode());
            assertEquals(http3Code(wtCode), reset.http3ErrorCode());
            assertInstanceOf(StreamStoppedException.class, writeUntilFailure(s.writable()));
        }
    }

    @ParameterizedTest(name = "WebTransport code {0}")
    @ValueSource(longs = {0, 0xffffffffL})
    void dataOnAUniStreamIsAnsweredWithStopSending(long wtCode) throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("abort-stream-from-server.py?code=" + http3Code(wtCode));
            SendStream out = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            out.write(utf8("hello"));
            assertInstanceOf(StreamStoppedException.class, writeUntilFailure(out));
        }
    }

    @Test
    void theCodeIsSentAsGivenEvenOutsideTheWebTransportRange() throws Exception {
        long h3RequestCancelled = 0x10c;
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("abort-stream-from-server.py?code=" + h3RequestCancelled);
            BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            s.writable().write(utf8("hello"), true);
            ExecutionException read = assertThrows(ExecutionException.class,
                    () -> s.readable().read().get(10, TimeUnit.SECONDS));
            StreamResetException reset = assertInstanceOf(StreamResetException.class, read.getCause());
            assertEquals(h3RequestCancelled, reset.http3ErrorCode());
            assertEquals(StreamResetException.NO_CODE, reset.errorCode(), "no WebTransport code in it");
        }
    }
}
