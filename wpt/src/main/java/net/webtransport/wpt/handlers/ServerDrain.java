package net.webtransport.wpt.handlers;

import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Discard;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code server-drain.py}: if the query, as it came and undecoded, contains {@code drain} anywhere
 * (so {@code ?drain}, {@code ?drain=1} and {@code ?nodrain} all count), sends WT_DRAIN_SESSION as
 * soon as the session starts. Nothing else happens; streams the client opens are read and dropped.
 */
public final class ServerDrain implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        boolean drain = request.query().raw().contains("drain");
        return new Discard() {
            @Override
            public void onOpen(Session session) {
                if (drain) {
                    session.drain();
                }
            }
        };
    }
}
