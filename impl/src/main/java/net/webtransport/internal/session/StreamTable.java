package net.webtransport.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.webtransport.internal.stream.ReceiveBudget;
import net.webtransport.internal.stream.ReceiveSide;
import net.webtransport.internal.stream.SendScheduler;
import net.webtransport.internal.stream.SendSide;
import net.webtransport.internal.stream.StreamLimits;
import net.webtransport.internal.stream.WtStream;

/**
 * The WebTransport streams of one connection: the record of every stream not over yet (peer-opened
 * ones from the moment their header arrived, whether delivered, waiting for their session or being
 * refused), the streams waiting for their session in arrival order, the connection's send scheduler
 * and receive budget. {@link WtConnection} decides what happens to streams; this class keeps them.
 */
final class StreamTable {
    private final Role role;
    private final StreamLimits limits;
    private final ReceiveBudget receiveBudget;
    private final SendScheduler scheduler = new SendScheduler();
    private final Map<Long, WtStream> streams = new HashMap<>();
    /** Streams waiting for their session, oldest first: stream id to session id. */
    private final LinkedHashMap<Long, Long> waiting = new LinkedHashMap<>();

    StreamTable(Role role, StreamLimits limits, ReceiveBudget receiveBudget) {
        this.role = role;
        this.limits = limits;
        this.receiveBudget = receiveBudget;
    }

    /** Creates the record of a stream, with the halves this endpoint uses. */
    WtStream register(long streamId, long sessionId) {
        SendSide send = StreamIds.canSend(streamId, role) ? new SendSide(limits.sendHighWaterMark()) : null;
        ReceiveSide receive = StreamIds.canReceive(streamId, role)
                ? new ReceiveSide(streamId, receiveBudget, limits.streamReceiveMark()) : null;
        WtStream st = new WtStream(streamId, sessionId, send, receive);
        streams.put(streamId, st);
        if (send != null) {
            scheduler.add(streamId, sessionId, 0); // one send group per session until groups are exposed
        }
        return st;
    }

    WtStream get(long streamId) {
        return streams.get(streamId);
    }

    boolean contains(long streamId) {
        return streams.containsKey(streamId);
    }

    /** Forgets a stream, dropping whatever it still holds; returns its record, or null. */
    WtStream remove(long streamId) {
        waiting.remove(streamId);
        scheduler.remove(streamId);
        WtStream st = streams.remove(streamId);
        if (st != null) {
            discard(st);
        }
        return st;
    }

    /** Drops what a stream holds (its session or connection is gone); the binding fails what waits on it. */
    void discard(long streamId) {
        WtStream st = streams.get(streamId);
        if (st != null) {
            discard(st);
        }
    }

    private static void discard(WtStream st) {
        if (st.send() != null) {
            st.send().abort();
        }
        if (st.receive() != null) {
            st.receive().abandon(false);
        }
    }

    /** The connection is gone: every stream is dropped and forgotten. */
    void clear() {
        for (WtStream st : streams.values()) {
            discard(st);
            scheduler.remove(st.id());
        }
        streams.clear();
        waiting.clear();
    }

    /** Holds a stream until its session is established. */
    void waitForSession(long streamId, long sessionId) {
        waiting.put(streamId, sessionId);
    }

    int waitingCount() {
        return waiting.size();
    }

    /** Stops holding the stream that waited longest and returns its id. */
    long evictOldestWaiting() {
        Iterator<Long> oldest = waiting.keySet().iterator();
        long evicted = oldest.next();
        oldest.remove();
        return evicted;
    }

    /** Stops holding, and returns, the streams that waited for {@code sessionId}, oldest first. */
    List<Long> takeWaitingFor(long sessionId) {
        List<Long> out = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Long>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Long> e = it.next();
            if (e.getValue() == sessionId) {
                it.remove();
                out.add(e.getKey());
            }
        }
        return out;
    }

    SendScheduler scheduler() {
        return scheduler;
    }

    ReceiveBudget receiveBudget() {
        return receiveBudget;
    }
}
