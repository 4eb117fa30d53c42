package net.webtransport.internal.stream;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which stream of a connection sends next (W3C WebTransport, "send order"): within a send
 * group the stream with the highest send order goes first, strictly; streams of equal order take
 * turns; send groups share the connection fairly, taking turns chunk by chunk. A stream is
 * <em>ready</em> while it has bytes or a FIN to send and QUIC can take them; only ready streams are
 * picked. Changing a stream's group or order takes effect at the next pick.
 *
 * <p>Streams and groups are named by the caller's {@code long} ids. Not thread-safe: the
 * connection's thread only.
 */
public final class SendScheduler {

    private static final class Entry {
        final long streamId;
        long group;
        long order;
        boolean ready;

        Entry(long streamId, long group, long order) {
            this.streamId = streamId;
            this.group = group;
            this.order = order;
        }
    }

    /** The ready streams of one group, by send order (highest first), each order a turn-taking queue. */
    private static final class Group {
        final long id;
        final TreeMap<Long, ArrayDeque<Entry>> byOrder = new TreeMap<>();

        Group(long id) {
            this.id = id;
        }
    }

    private final Map<Long, Entry> streams = new HashMap<>();
    private final Map<Long, Group> readyGroups = new HashMap<>();
    /** Groups with a ready stream, in turn order: the head sends next. */
    private final ArrayDeque<Group> turns = new ArrayDeque<>();
    private int readyCount;

    /** Adds a stream, not ready yet. */
    public void add(long streamId, long group, long sendOrder) {
        if (streams.putIfAbsent(streamId, new Entry(streamId, group, sendOrder)) != null) {
            throw new IllegalStateException("stream " + streamId + " is scheduled already");
        }
    }

    /** Moves a stream to another group or order. */
    public void update(long streamId, long group, long sendOrder) {
        Entry e = streams.get(streamId);
        if (e == null) {
            return;
        }
        boolean wasReady = e.ready;
        unready(streamId);
        e.group = group;
        e.order = sendOrder;
        if (wasReady) {
            ready(streamId);
        }
    }

    /** The stream has something to send and QUIC can take it. */
    public void ready(long streamId) {
        Entry e = streams.get(streamId);
        if (e == null || e.ready) {
            return;
        }
        e.ready = true;
        readyCount++;
        Group g = readyGroups.get(e.group);
        if (g == null) {
            g = new Group(e.group);
            readyGroups.put(e.group, g);
            turns.add(g);
        }
        g.byOrder.computeIfAbsent(e.order, o -> new ArrayDeque<>()).add(e);
    }

    /** The stream has nothing to send, or QUIC cannot take more of it now. */
    public void unready(long streamId) {
        Entry e = streams.get(streamId);
        if (e == null || !e.ready) {
            return;
        }
        e.ready = false;
        readyCount--;
        Group g = readyGroups.get(e.group);
        ArrayDeque<Entry> sameOrder = g.byOrder.get(e.order);
        sameOrder.remove(e);
        if (sameOrder.isEmpty()) {
            g.byOrder.remove(e.order);
        }
        if (g.byOrder.isEmpty()) {
            readyGroups.remove(g.id);
            turns.remove(g);
        }
    }

    public void remove(long streamId) {
        unready(streamId);
        streams.remove(streamId);
    }

    public boolean isReady(long streamId) {
        Entry e = streams.get(streamId);
        return e != null && e.ready;
    }

    /** How many streams are ready. */
    public int readyCount() {
        return readyCount;
    }

    /** The stream to send from next, or -1 if none is ready. Call {@link #served} after sending a chunk. */
    public long next() {
        Group g = turns.peek();
        if (g == null) {
            return -1;
        }
        return g.byOrder.lastEntry().getValue().peek().streamId;
    }

    /**
     * The stream sent a chunk: it goes behind the other ready streams of its group and order, and its
     * group behind the other ready groups.
     */
    public void served(long streamId) {
        Entry e = streams.get(streamId);
        if (e == null || !e.ready) {
            return;
        }
        Group g = readyGroups.get(e.group);
        ArrayDeque<Entry> sameOrder = g.byOrder.get(e.order);
        if (sameOrder.size() > 1 && sameOrder.remove(e)) {
            sameOrder.add(e);
        }
        if (turns.size() > 1 && turns.remove(g)) {
            turns.add(g);
        }
    }
}
