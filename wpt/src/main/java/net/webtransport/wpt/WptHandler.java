package net.webtransport.wpt;

import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.SessionHandler;

/**
 * One of upstream's {@code /webtransport/handlers/NAME.py}. Upstream runs a handler file afresh for
 * each session, so a handler's per-session state lives in the {@link SessionHandler} it returns;
 * only the {@link Stash} is shared.
 */
public interface WptHandler {

    /** Answers the CONNECT: by default 200, with {@link #session} handling the session. */
    default ConnectResponse connect(WptRequest request) {
        return ConnectResponse.accept(session(request));
    }

    /** A fresh handler for the session {@code request} establishes. */
    SessionHandler session(WptRequest request);
}
