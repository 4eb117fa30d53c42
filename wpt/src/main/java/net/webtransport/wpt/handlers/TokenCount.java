package net.webtransport.wpt.handlers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Chunks;
import net.webtransport.wpt.Stash;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code token-count.py}: every chunk received on a stream is a token; the stash counts how often
 * each token was sent (across sessions) and the new count goes back as decimal text, never followed
 * by FIN: on the same stream for a bidirectional one (the server also opens one bidirectional stream
 * when the session starts, which counts the same way), and for a client unidirectional stream on a
 * server unidirectional stream opened with its first token and used for all of its tokens. An empty
 * chunk (a bare FIN) is no token: upstream's stash refuses the empty key, so nothing is counted or
 * sent.
 */
public final class TokenCount implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        Stash stash = request.stash();
        return new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                session.openBidirectionalStream().thenAccept(s -> countOnItself(s, stash));
            }

            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                countOnItself(stream, stash);
            }

            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                AtomicReference<CompletableFuture<SendStream>> reply = new AtomicReference<>();
                Chunks.forEach(stream, (data, fin) -> {
                    Long count = count(data, stash);
                    if (count == null) {
                        return Chunks.done();
                    }
                    if (reply.get() == null) {
                        reply.set(session.openUnidirectionalStream());
                    }
                    return reply.get().thenCompose(s -> s.write(Streams.ascii(count.toString())));
                }, failure -> { });
            }
        };
    }

    private static void countOnItself(BidirectionalStream stream, Stash stash) {
        Chunks.forEach(stream.readable(), (data, fin) -> {
            Long count = count(data, stash);
            return count == null ? Chunks.done() : stream.writable().write(Streams.ascii(count.toString()));
        }, failure -> { });
    }

    /**
     * Adds one to the count of the token {@code data} and returns the new count, or null where
     * upstream's handler raises: an empty token, or a stash value under the token that Python cannot
     * add 1 to (that value is gone then, as upstream took it before failing).
     */
    static Long count(ByteBuffer data, Stash stash) {
        if (!data.hasRemaining()) {
            return null;
        }
        String token = StandardCharsets.UTF_8.decode(data).toString();
        Long previous = asCount(stash.take(token));
        if (previous == null) {
            return null;
        }
        long count = previous + 1;
        try {
            stash.put(token, count);
        } catch (IllegalStateException anotherSessionPutFirst) {
            return null;
        }
        return count;
    }

    /** Python's {@code value or 0}, as a number that 1 can be added to, or null if it cannot. */
    private static Long asCount(Object value) {
        return switch (value) {
            case null -> 0L;
            case Number n -> n.longValue();
            case Boolean b -> b ? 1L : 0L;
            case String s when s.isEmpty() -> 0L;
            case Collection<?> c when c.isEmpty() -> 0L;
            case Map<?, ?> m when m.isEmpty() -> 0L;
            default -> null;
        };
    }
}
