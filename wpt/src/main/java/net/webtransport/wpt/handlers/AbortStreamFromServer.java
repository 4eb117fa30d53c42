package net.webtransport.wpt.handlers;

import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Discard;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code abort-stream-from-server.py?code=N}: the first bytes (or bare FIN) on a client
 * unidirectional stream are answered with STOP_SENDING, on a client bidirectional stream with
 * STOP_SENDING and RESET_STREAM; both carry {@code N} as the raw HTTP/3 error code, not mapped from
 * a WebTransport code (upstream's tests pass codes they mapped themselves). Without a usable
 * {@code code} upstream's callbacks fail and the streams are simply read.
 */
public final class AbortStreamFromServer implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        Long code = Streams.pyInt(request.query().get("code"));
        if (code == null) {
            return new Discard() { };
        }
        return new SessionHandler() {
            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                onFirstChunk(stream, () -> stream.stopSendingWithHttp3Code(code));
            }

            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                onFirstChunk(stream.readable(), () -> {
                    stream.readable().stopSendingWithHttp3Code(code);
                    stream.writable().resetWithHttp3Code(code);
                });
            }
        };
    }

    /**
     * Runs {@code abort} once the first chunk arrived (a stream the client reset first is left be). A
     * code outside 0..2^62-1 cannot be sent; like upstream's failed callback, that changes nothing.
     */
    private static void onFirstChunk(ReceiveStream in, Runnable abort) {
        in.read().whenComplete((chunk, failure) -> {
            if (failure != null) {
                return;
            }
            try {
                abort.run();
            } catch (IllegalArgumentException codeOutOfRange) {
                Discard.drain(in);
            }
        });
    }
}
