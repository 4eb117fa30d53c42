package net.webtransport.wpt.handlers;

import java.nio.ByteBuffer;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Discard;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code stats-data-transfer.py}: gives getStats() something to count. When the session starts it
 * opens a bidirectional stream and sends 5000 bytes of {@code X} and FIN; whatever arrives on any
 * stream is read and dropped; datagrams are echoed.
 */
public final class StatsDataTransfer implements WptHandler {
    static final int SIZE = 5000;

    @Override
    public SessionHandler session(WptRequest request) {
        return new Discard() {
            @Override
            public void onOpen(Session session) {
                session.openBidirectionalStream().thenAccept(s -> {
                    s.writable().write(Streams.ascii("X".repeat(SIZE)), true);
                    Discard.drain(s.readable());
                });
            }

            @Override
            public void onDatagram(Session session, ByteBuffer payload) {
                session.sendDatagram(payload);
            }
        };
    }
}
