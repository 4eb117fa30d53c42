package net.webtransport.wpt.handlers;

import java.util.LinkedHashMap;
import java.util.Map;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Chunks;
import net.webtransport.wpt.Json;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code sendorder-scheduling.py}: counts the bytes received on every stream of the session, each
 * stream known by its marker, the first byte it carried. When a stream ends (FIN) the server
 * answers on that stream, then sends FIN: a JSON object with, for every stream that has a marker so
 * far, the marker in decimal as key and that stream's byte count so far as value, in the order the
 * streams were first heard of, such as {@code {"1": 1048576, "2": 10485760}}. Two streams with the
 * same marker share one key, the later stream's count winning. A unidirectional stream is counted
 * but gets no answer (upstream's attempt to answer on it fails).
 */
public final class SendOrderScheduling implements WptHandler {

    /** One stream's tally. */
    private static final class Tally {
        int marker = -1;
        long bytes;
    }

    @Override
    public SessionHandler session(WptRequest request) {
        // Only touched from the session's callbacks, which run one at a time.
        Map<Long, Tally> streams = new LinkedHashMap<>();
        return new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                count(stream.readable(), stream.writable());
            }

            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                count(stream, null);
            }

            private void count(ReceiveStream in, SendStream reply) {
                Chunks.forEach(in, (data, fin) -> {
                    Tally tally = streams.computeIfAbsent(in.id(), id -> new Tally());
                    if (data.hasRemaining()) {
                        if (tally.marker < 0) {
                            tally.marker = data.get(data.position()) & 0xff;
                        }
                        tally.bytes += data.remaining();
                    }
                    if (fin && reply != null) {
                        reply.write(Streams.ascii(Json.write(snapshot())), true);
                    }
                    return Chunks.done();
                }, failure -> { });
            }

            private Map<String, Long> snapshot() {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (Tally t : streams.values()) {
                    if (t.marker >= 0) {
                        counts.put(Integer.toString(t.marker), t.bytes);
                    }
                }
                return counts;
            }
        };
    }
}
