package net.webtransport.transport;

import java.nio.ByteBuffer;

/**
 * Receives what the peer does on a session. Calls for one session run one at a time, in order, on
 * the owning client's or server's executor; a slow callback delays the next one, not the network.
 * Every method has a default so handlers implement only what they use; by default incoming streams
 * are refused with STOP_SENDING / RESET_STREAM code 0 and datagrams are dropped.
 *
 * <p>A callback that throws is a bug in the application: the exception is logged with its stack
 * trace and the session ends abruptly, its CONNECT stream reset with H3_INTERNAL_ERROR (0x102), so
 * the peer learns at once; the connection and its other sessions carry on. ({@link #onClosed} is the
 * exception: the session is over already, so its exception is only logged.)
 */
public interface SessionHandler {

    /** The session is established (the 2xx response was sent or received). */
    default void onOpen(Session session) {
    }

    /** The peer opened a bidirectional stream. */
    default void onBidirectionalStream(Session session, BidirectionalStream stream) {
        stream.readable().stopSending(0);
        stream.writable().reset(0);
    }

    /** The peer opened a unidirectional stream. */
    default void onUnidirectionalStream(Session session, ReceiveStream stream) {
        stream.stopSending(0);
    }

    /** A datagram arrived; the buffer belongs to the handler. */
    default void onDatagram(Session session, ByteBuffer payload) {
    }

    /** The peer asked to drain the session. */
    default void onDraining(Session session) {
    }

    /** The session ended. Called exactly once per opened session. */
    default void onClosed(Session session, CloseInfo info) {
    }
}
