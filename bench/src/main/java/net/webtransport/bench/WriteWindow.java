package net.webtransport.bench;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the writes in flight: both throughput runs (WebTransport and raw QUIC) issue writes through
 * one of these, so they pipeline the same way and hold the same memory.
 */
final class WriteWindow {
    /** Writes allowed in flight; the same for both paths. */
    static final int DEPTH = Integer.getInteger("bench.inflight", 4);

    private final ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();

    /** Adds a write, first waiting for the oldest one if the window is full. */
    void add(CompletableFuture<Void> write) throws Exception {
        if (inFlight.size() >= DEPTH) {
            inFlight.poll().get(30, TimeUnit.SECONDS);
        }
        inFlight.add(write);
    }

    /** Waits for every write in flight. */
    void drain() throws Exception {
        while (!inFlight.isEmpty()) {
            inFlight.poll().get(30, TimeUnit.SECONDS);
        }
    }
}
