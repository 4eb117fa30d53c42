package net.webtransport.wpt.handlers;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.StreamResetException;
import net.webtransport.wpt.Chunks;
import net.webtransport.wpt.Stash;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code sendorder.py?token=T}: records in which order stream data arrives. The session keeps a
 * summary, a list holding the first byte (0-255) of every chunk received on any stream; the
 * stash holds it under {@code T}: an empty list once the session starts, and after every chunk the
 * summary so far (taken and put again). When the client resets a stream the summary is put once
 * more and then emptied; as upstream puts there without taking first, that put fails while the
 * stash still holds {@code T}, and the summary then stays as it is. Datagrams are echoed. Without a
 * token nothing is recorded.
 */
public final class SendOrder implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        return new Recorder(request.query().get("token"), request.stash());
    }

    private static final class Recorder implements SessionHandler {
        private final String token;
        private final Stash stash;
        /** Only touched from the session's callbacks, which run one at a time. */
        private final List<Integer> summary = new ArrayList<>();

        Recorder(String token, Stash stash) {
            this.token = token;
            this.stash = stash;
        }

        @Override
        public void onOpen(Session session) {
            if (token != null) {
                tryPut();
            }
        }

        @Override
        public void onBidirectionalStream(Session session, BidirectionalStream stream) {
            record(stream.readable());
        }

        @Override
        public void onUnidirectionalStream(Session session, ReceiveStream stream) {
            record(stream);
        }

        @Override
        public void onDatagram(Session session, ByteBuffer payload) {
            session.sendDatagram(payload);
        }

        private void record(ReceiveStream in) {
            Chunks.forEach(in, (data, fin) -> {
                if (data.hasRemaining()) {
                    summary.add(data.get(data.position()) & 0xff);
                }
                if (token != null) {
                    stash.take(token);
                    tryPut();
                }
                return Chunks.done();
            }, failure -> {
                if (Streams.unwrap(failure) instanceof StreamResetException && token != null && tryPut()) {
                    summary.clear();
                }
            });
        }

        /** Puts a copy of the summary under the token; false if the stash already holds one there. */
        private boolean tryPut() {
            try {
                stash.put(token, List.copyOf(summary));
                return true;
            } catch (IllegalStateException alreadyThere) {
                return false;
            }
        }
    }
}
