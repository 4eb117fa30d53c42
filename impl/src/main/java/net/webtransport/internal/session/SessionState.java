package net.webtransport.internal.session;

import java.util.LinkedHashSet;
import java.util.Set;
import net.webtransport.internal.wire.CapsuleParser;
import net.webtransport.transport.HttpFields;

/** The session layer's record of one WebTransport session, keyed by its CONNECT stream id. */
final class SessionState {

    enum Phase {
        /** Client: CONNECT sent, no response yet. Server: CONNECT handed to the application. */
        REQUESTED,
        ESTABLISHED,
        CLOSED
    }

    final long id;
    final HttpFields request;
    final CapsuleParser capsules = new CapsuleParser();
    /** Streams of this session that are still open, in the order they appeared. */
    final Set<Long> streams = new LinkedHashSet<>();
    Phase phase = Phase.REQUESTED;
    /** Our side of the CONNECT stream has been finished or reset. */
    boolean connectStreamDone;
    /** The peer's WT_CLOSE_SESSION arrived: anything after it on the stream is an error. */
    boolean closeCapsuleReceived;
    boolean drainingSignalled;
    /** The peer sent WT_DRAIN_SESSION; signalled to the application once the session is established. */
    boolean drainRequested;
    /** Client: a 2xx answer that chooses none of the offered protocols fails the session. */
    boolean protocolRequired;
    /** The session's flow control, or null when it is off on this connection. */
    SessionFlowControl flow;

    SessionState(long id, HttpFields request) {
        this.id = id;
        this.request = request;
    }
}
