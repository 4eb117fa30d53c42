package net.webtransport.internal.session;

import java.nio.ByteBuffer;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.HttpFields;

/** Something the application should learn about, pulled from {@link WtConnection#pollEvent()}. */
public sealed interface SessionEvent {

    /** The peer's SETTINGS arrived; {@code support} says whether WebTransport can be used. */
    record Negotiated(PeerSupport support) implements SessionEvent {
    }

    /** Server: a valid WebTransport CONNECT arrived and awaits {@link WtConnection#respond}. */
    record SessionRequested(long sessionId, HttpFields request) implements SessionEvent {
    }

    /** The session is established: a 2xx response was sent (server) or received (client). */
    record SessionEstablished(long sessionId, HttpFields response) implements SessionEvent {
    }

    /** Client: the server answered the CONNECT with a non-2xx status. */
    record SessionRejected(long sessionId, int status, HttpFields response) implements SessionEvent {
    }

    /** The session ended, cleanly or not. Emitted once per session that was requested. */
    record SessionClosed(long sessionId, CloseInfo info) implements SessionEvent {
    }

    /** The peer opened a stream on an established session. */
    record NewStream(long streamId, long sessionId, boolean bidirectional) implements SessionEvent {
    }

    /** A datagram for an established session; {@code payload} excludes the quarter stream id. */
    record Datagram(long sessionId, ByteBuffer payload) implements SessionEvent {
    }

    /** The peer asked to drain the session (WT_DRAIN_SESSION, or GOAWAY for the connection). */
    record Draining(long sessionId) implements SessionEvent {
    }

    /** Flow control: the peer raised the session's data limit; streams waiting for credit may send. */
    record SendCredit(long sessionId) implements SessionEvent {
    }

    /** Flow control: the peer raised the session's stream limit; opens waiting for it may go ahead. */
    record StreamCredit(long sessionId) implements SessionEvent {
    }

    /** The peer sent GOAWAY: no new sessions on this connection. */
    record GoAway(long id) implements SessionEvent {
    }
}
