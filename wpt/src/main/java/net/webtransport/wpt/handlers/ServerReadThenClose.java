package net.webtransport.wpt.handlers;

import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Chunks;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code server-read-then-close.py}: opens a bidirectional stream once the session is up; the first
 * bytes on any stream make it close the session (as a plain FIN would: code 0, reason "").
 * {@code server-connection-close.py} is the same, but closes the whole connection abruptly.
 */
public final class ServerReadThenClose implements WptHandler {
    private final boolean wholeConnection;

    /** @param wholeConnection close the QUIC connection (server-connection-close.py) instead of the session */
    public ServerReadThenClose(boolean wholeConnection) {
        this.wholeConnection = wholeConnection;
    }

    @Override
    public SessionHandler session(WptRequest request) {
        return new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                session.openBidirectionalStream().thenAccept(s -> closeOnData(session, s.readable()));
            }

            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                closeOnData(session, stream.readable());
            }

            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                closeOnData(session, stream);
            }

            private void closeOnData(Session session, ReceiveStream stream) {
                Chunks.forEach(stream, (data, fin) -> {
                    if (data.hasRemaining() && session.isOpen()) {
                        if (wholeConnection) {
                            session.closeConnection(0x100, ""); // H3_NO_ERROR
                        } else {
                            session.close(0, "");
                        }
                    }
                    return Chunks.done();
                }, failure -> { });
            }
        };
    }
}
