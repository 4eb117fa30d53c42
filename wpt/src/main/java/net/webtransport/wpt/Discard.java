package net.webtransport.wpt;

import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * A session handler for upstream handlers that define no stream callbacks: upstream's server then
 * takes the data and does nothing with it, so streams are read to their end and discarded (where
 * this library's default would stop them).
 */
public class Discard implements SessionHandler {

    @Override
    public void onBidirectionalStream(Session session, BidirectionalStream stream) {
        drain(stream.readable());
    }

    @Override
    public void onUnidirectionalStream(Session session, ReceiveStream stream) {
        drain(stream);
    }

    /** Reads {@code stream} to its end, keeping nothing. */
    public static void drain(ReceiveStream stream) {
        Chunks.forEach(stream, (data, fin) -> Chunks.done(), failure -> { });
    }
}
