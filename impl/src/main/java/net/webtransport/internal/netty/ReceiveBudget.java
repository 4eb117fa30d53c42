package net.webtransport.internal.netty;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps the received bytes that wait for readers across all streams of one connection. Each stream
 * already stops reading past its own threshold, but a peer opening many streams that nobody reads
 * would otherwise make the connection hold that threshold times the stream limit. Once the cap is
 * reached every stream that receives more stops reading (QUIC flow control then holds the peer),
 * and waits here until readers have drained the connection below half the cap.
 */
final class ReceiveBudget {
    private final long limit;
    private final Executor eventLoop;
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicBoolean wakeUpScheduled = new AtomicBoolean();
    /** Streams paused for the budget (event loop only). */
    private final Set<StreamHandler> waiting = new LinkedHashSet<>();
    private volatile boolean anyWaiting;

    ReceiveBudget(long limit, Executor eventLoop) {
        this.limit = limit;
        this.eventLoop = eventLoop;
    }

    /** Counts bytes that arrived; true if the connection is now over its cap. */
    boolean add(long n) {
        return buffered.addAndGet(n) > limit;
    }

    boolean exhausted() {
        return buffered.get() > limit;
    }

    /** Bytes left the buffers (read, dropped or moved to the application); may wake paused streams. */
    void release(long n) {
        long now = buffered.addAndGet(-n);
        if (anyWaiting && now < limit / 2 && wakeUpScheduled.compareAndSet(false, true)) {
            eventLoop.execute(this::wakeUp);
        }
    }

    /** A stream paused for the budget; event loop only. */
    void waitFor(StreamHandler stream) {
        waiting.add(stream);
        anyWaiting = true;
    }

    private void wakeUp() {
        wakeUpScheduled.set(false);
        List<StreamHandler> streams = new ArrayList<>(waiting);
        waiting.clear();
        anyWaiting = false;
        for (StreamHandler s : streams) {
            s.resumeIfAllowed(); // may wait again if others refilled the budget meanwhile
        }
    }
}
