package net.webtransport.it;

import static net.webtransport.it.FinTest.readExactly;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** Writes of a single byte on a stream kept open arrive without a FIN to carry them. */
class SmallWritesTest {

    @Test
    void oneByteMessagesOnAStreamThatStaysOpenArriveEachOnItsOwn() throws Exception {
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                ChunkEcho.echoChunks(stream);
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            for (int i = 0; i < 5; i++) {
                String one = Integer.toString(i);
                stream.writable().write(utf8(one)).get(5, TimeUnit.SECONDS);
                byte[] got = readExactly(stream.readable(), i + 1, received).get(5, TimeUnit.SECONDS);
                assertEquals(one, utf8(new byte[] {got[i]}), "byte " + i + " came back before the next was sent");
            }
        }
    }

    /** Echoes every chunk as it reads it, and never finishes. */
    static final class ChunkEcho {
        static void echoChunks(BidirectionalStream stream) {
            stream.readable().read().thenAccept(r -> {
                if (r.data().hasRemaining()) {
                    stream.writable().write(r.data());
                }
                if (!r.fin()) {
                    echoChunks(stream);
                }
            });
        }
    }
}
