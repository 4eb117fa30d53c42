package net.webtransport.internal.netty;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Datagrams received for one session that its handler has not taken yet. The queue is bounded:
 * past its limit the oldest datagram is dropped and counted (the W3C
 * {@code incomingMaxBufferedDatagrams} rule), so a handler that blocks while a peer floods it costs
 * a fixed amount of memory. At most one delivery task is queued for the session at a time. Safe
 * from any thread.
 */
final class IncomingDatagrams {
    private final int limit;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private boolean deliveryScheduled;
    private long dropped;

    IncomingDatagrams(int limit) {
        this.limit = limit;
    }

    /** Queues a datagram; returns true if the caller must schedule a delivery task. */
    synchronized boolean add(ByteBuffer datagram) {
        if (queue.size() >= limit) {
            queue.poll();
            dropped++;
        }
        queue.add(datagram);
        if (deliveryScheduled) {
            return false;
        }
        deliveryScheduled = true;
        return true;
    }

    /** The next datagram for the delivery task, or null, which ends that task. */
    synchronized ByteBuffer poll() {
        ByteBuffer next = queue.poll();
        if (next == null) {
            deliveryScheduled = false;
        }
        return next;
    }

    /** Datagrams dropped because the queue was full. */
    synchronized long dropped() {
        return dropped;
    }

    /** Drops whatever waits; the session is over. */
    synchronized void clear() {
        queue.clear();
    }
}
