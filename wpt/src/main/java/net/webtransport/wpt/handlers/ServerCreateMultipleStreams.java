package net.webtransport.wpt.handlers;

import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Discard;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code server-create-multiple-streams.py?type=unidi|bidi&count=N}: when the session starts, opens
 * {@code N} streams (3 by default), unidirectional if {@code type} is {@code unidi} and bidirectional
 * otherwise, and sends {@code stream0}, {@code stream1}, ... on them, each followed by FIN. Whatever
 * the client sends is read and dropped.
 */
public final class ServerCreateMultipleStreams implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        boolean unidirectional = "unidi".equals(request.query().get("type", "bidi"));
        Long count = Streams.pyInt(request.query().get("count", "3"));
        return new Discard() {
            @Override
            public void onOpen(Session session) {
                if (count == null) {
                    return; // int() failed upstream: no stream is opened
                }
                for (long i = 0; i < count; i++) {
                    String text = "stream" + i;
                    if (unidirectional) {
                        session.openUnidirectionalStream().thenAccept(s -> s.write(Streams.ascii(text), true));
                    } else {
                        session.openBidirectionalStream().thenAccept(s -> {
                            s.writable().write(Streams.ascii(text), true);
                            Discard.drain(s.readable());
                        });
                    }
                }
            }
        };
    }
}
