package net.webtransport.wpt.handlers;

import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Discard;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code abort-server-initiated-stream.py}: when the session starts, opens a unidirectional stream
 * and resets it at once with the raw HTTP/3 code 0x52e4a40fa8db (WebTransport code 0). Streams the
 * client opens are read and dropped.
 *
 * <p>Upstream queues {@code hello} on the stream before the reset, but aioquic's reset discards
 * everything not yet sent, and nothing was: the peer gets a RESET_STREAM with final size 0 and not a
 * byte of {@code hello}, nor even the stream's WebTransport header, so it never learns which session
 * the stream belonged to. Here a queued write may already be on its way when the reset comes, so
 * {@code hello} is not queued at all; the stream header, though, goes out when the stream is opened,
 * so a client of this server sees the stream arrive and then its reset.
 */
public final class AbortServerInitiatedStream implements WptHandler {
    /** The raw code upstream resets with: WebTransport application error code 0 mapped into HTTP/3. */
    static final long RESET_CODE = 0x52e4a40fa8dbL;

    @Override
    public SessionHandler session(WptRequest request) {
        return new Discard() {
            @Override
            public void onOpen(Session session) {
                session.openUnidirectionalStream().thenAccept(s -> s.resetWithHttp3Code(RESET_CODE));
            }
        };
    }
}
