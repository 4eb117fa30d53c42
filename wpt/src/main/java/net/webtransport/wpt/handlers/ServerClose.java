package net.webtransport.wpt.handlers;

import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Discard;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code server-close.py?code=N&reason=R}: closes the session as soon as it is up, with code N and
 * reason R (reason "" if absent); without a code it ends the session as a plain FIN would, which a
 * client reports as code 0 and reason "".
 */
public final class ServerClose implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        String code = request.query().get("code");
        String reason = request.query().get("reason", "");
        return new Discard() {
            @Override
            public void onOpen(Session session) {
                if (code == null) {
                    session.close(0, "");
                    return;
                }
                Long parsed = Streams.pyInt(code);
                if (parsed != null && parsed >= 0 && parsed <= 0xffffffffL) {
                    session.close(parsed, reason);
                } // else upstream's int() or close raises, and the session simply stays open
            }
        };
    }
}
