package net.webtransport.it;

import java.nio.ByteBuffer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * Echoes like the WPT echo handler: a bidirectional stream's bytes come back on it, a
 * unidirectional stream's bytes come back on a new server-initiated unidirectional stream, and
 * datagrams come back as datagrams.
 */
class EchoHandler implements SessionHandler {

    @Override
    public void onBidirectionalStream(Session session, BidirectionalStream stream) {
        pump(stream.readable(), stream);
    }

    @Override
    public void onUnidirectionalStream(Session session, ReceiveStream stream) {
        Loopback.readAll(stream).thenAccept(bytes -> session.openUnidirectionalStream().thenAccept(out -> {
            out.write(ByteBuffer.wrap(bytes));
            out.finish();
        }));
    }

    @Override
    public void onDatagram(Session session, ByteBuffer payload) {
        session.sendDatagram(payload);
    }

    /** Copies chunk by chunk, waiting for each write before reading on: backpressure end to end. */
    static void pump(ReceiveStream from, BidirectionalStream to) {
        from.read().whenComplete((r, e) -> {
            if (e != null) {
                return;
            }
            to.writable().write(r.data()).thenRun(() -> {
                if (r.fin()) {
                    to.writable().finish();
                } else {
                    pump(from, to);
                }
            });
        });
    }
}
