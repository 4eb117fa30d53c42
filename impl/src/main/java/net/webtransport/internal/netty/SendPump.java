package net.webtransport.internal.netty;

import io.netty.handler.codec.quic.QuicStreamChannel;
import java.util.LinkedHashSet;
import java.util.Set;
import net.webtransport.internal.stream.SendScheduler;
import net.webtransport.internal.stream.WtStream;

/**
 * Moves bytes from the streams' send buffers to quiche for one connection, in the order the stream
 * layer's {@link SendScheduler} decides: each pick hands quiche at most what it takes at once on that
 * stream, and a stream sharing the connection with others at most {@link #QUANTUM} per turn. Runs
 * whenever a stream gets something to send or quiche has room again. Event loop only.
 */
final class SendPump {
    /** The most one stream sends per turn while others wait. */
    static final int QUANTUM = 32 << 10;
    /** Picks per run before the rest is left to a later task, so one connection cannot hog its loop. */
    static final int MAX_PICKS_PER_RUN = 4096;

    private final WtConnectionHandler connection;
    private final SendScheduler scheduler;
    private final Set<QuicStreamChannel> touched = new LinkedHashSet<>();
    /** Streams that stopped because quiche was full, in the order they stopped. */
    private final Set<Long> blocked = new LinkedHashSet<>();
    /** Streams that stopped because their session ran out of WebTransport flow-control credit. */
    private final Set<Long> creditBlocked = new LinkedHashSet<>();
    private boolean running;
    private boolean continuationScheduled;

    SendPump(WtConnectionHandler connection, SendScheduler scheduler) {
        this.connection = connection;
        this.scheduler = scheduler;
    }

    /** The stream may have something to send: picks it up if so, and runs. */
    void wake(StreamWriter writer) {
        if (writer.wantsToSend()) {
            scheduler.ready(writer.id());
        }
        // Runs after the tasks already queued on the loop, not inside this one: writes handed over
        // together (two streams written one after the other) are all ready before the send order
        // picks among them, instead of the first one's bytes filling quiche alone.
        scheduleContinuation();
    }

    /**
     * Quiche has room for the stream again. Room in quiche is the connection's, so every stream that
     * waited for it may send again, and the send order picks among them, whichever Netty reported
     * first. Netty says so from inside its own pass over writable streams, where it ignores flushes
     * and reports streams one by one, so the pump runs as a task of its own after that pass.
     */
    void wakeAfterWritable(StreamWriter writer) {
        for (long id : blocked) {
            scheduler.ready(id);
        }
        blocked.clear();
        if (writer.wantsToSend()) {
            scheduler.ready(writer.id());
        }
        scheduleContinuation();
    }

    /** The peer raised a session's data limit (WT_MAX_DATA): its streams that waited for credit may send. */
    void onSendCredit(long sessionId) {
        for (var it = creditBlocked.iterator(); it.hasNext(); ) {
            long id = it.next();
            WtStream stream = connection.core().stream(id);
            if (stream == null) {
                it.remove();
            } else if (stream.sessionId() == sessionId) {
                it.remove();
                scheduler.ready(id);
            }
        }
        run();
    }

    /** A stream has bytes that only the session's next flow-control credit lets go. */
    void waitForCredit(StreamWriter writer) {
        creditBlocked.add(writer.id());
        connection.core().onSendBlocked(connection.core().stream(writer.id()).sessionId());
        connection.driveNow();
    }

    void reorder(WtStream stream, long sendOrder) {
        stream.sendOrder(sendOrder);
        scheduler.update(stream.id(), stream.sendGroup(), sendOrder);
    }

    /** Moves a stream into another send group (a key from {@code WtConnection.sendGroupKey}). */
    void regroup(WtStream stream, long groupKey) {
        stream.sendGroup(groupKey);
        scheduler.update(stream.id(), groupKey, stream.sendOrder());
    }

    void remove(WtStream stream) {
        scheduler.unready(stream.id());
        blocked.remove(stream.id());
        creditBlocked.remove(stream.id());
    }

    /** A channel was written to in this run and needs a flush at its end. */
    void touched(QuicStreamChannel channel) {
        touched.add(channel);
    }

    private void run() {
        if (running) {
            return; // a writability change fired inside a write: the running loop picks it up
        }
        running = true;
        boolean coreTouched = false;
        try {
            long id;
            int picks = 0;
            while ((id = scheduler.next()) != -1) {
                if (++picks > MAX_PICKS_PER_RUN) {
                    scheduleContinuation();
                    break;
                }
                WtStream stream = connection.core().stream(id);
                StreamWriter writer = stream == null || !(stream.io() instanceof NettyStream s) ? null : s.writer();
                if (writer == null) {
                    scheduler.unready(id);
                    continue;
                }
                long credit = connection.core().sendCredit(stream.sessionId());
                if (credit <= 0 && writer.hasBodyToSend()) {
                    // WebTransport flow control (draft §5.4): the session's data limit is used up.
                    scheduler.unready(id);
                    creditBlocked.add(id);
                    connection.core().onSendBlocked(stream.sessionId());
                    coreTouched = true;
                    continue;
                }
                int max = (int) Math.min(scheduler.readyCount() == 1 ? Integer.MAX_VALUE : QUANTUM, credit);
                long sentBefore = writer.bodyBytesSent();
                boolean more = writer.sendSome(max);
                long sent = writer.bodyBytesSent() - sentBefore;
                if (sent > 0 && credit != Long.MAX_VALUE) {
                    connection.core().onStreamDataSent(stream.sessionId(), sent);
                }
                if (more) {
                    scheduler.served(id);
                } else {
                    scheduler.unready(id);
                    if (writer.blockedOnCapacity()) {
                        blocked.add(id);
                    }
                }
            }
        } finally {
            running = false;
            for (QuicStreamChannel ch : touched) {
                ch.flush();
            }
            touched.clear();
            if (coreTouched) {
                connection.driveNow(); // the WT_DATA_BLOCKED capsules the session layer queued
            }
        }
    }

    private void scheduleContinuation() {
        if (!continuationScheduled) {
            continuationScheduled = true;
            connection.quic().eventLoop().execute(() -> {
                continuationScheduled = false;
                run();
            });
        }
    }
}
