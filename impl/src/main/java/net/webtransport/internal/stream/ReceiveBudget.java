package net.webtransport.internal.stream;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Caps the received bytes that wait for readers across every stream of one connection. Bytes count
 * from the moment they leave QUIC until the application reads them or they are dropped, whether or
 * not their stream has finished: a peer cannot make the endpoint hold more by finishing streams
 * nobody reads.
 *
 * <p>Past the limit, a stream that receives more stops reading from QUIC (flow control then holds
 * the peer back) and parks here; parked streams may read again once readers drained the budget below
 * half of it. Not thread-safe: the connection's thread only.
 */
public final class ReceiveBudget {
    private final long limit;
    private long held;
    private final Set<ReceiveSide> parked = new LinkedHashSet<>();

    public ReceiveBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a receive budget must be positive");
        }
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** Bytes held for readers now. */
    public long held() {
        return held;
    }

    void charge(long n) {
        held += n;
    }

    void credit(long n) {
        held -= n;
    }

    /** Whether a stream receiving more must stop reading. */
    public boolean exhausted() {
        return held > limit;
    }

    void park(ReceiveSide stream) {
        parked.add(stream);
    }

    void unpark(ReceiveSide stream) {
        parked.remove(stream);
    }

    /**
     * The parked streams that may read again, because readers drained the budget below half of it.
     * They leave the parked set; one that refills the budget parks again.
     */
    public List<ReceiveSide> resumable() {
        if (parked.isEmpty() || held >= limit / 2) {
            return List.of();
        }
        List<ReceiveSide> out = new ArrayList<>(parked);
        parked.clear();
        return out;
    }
}
