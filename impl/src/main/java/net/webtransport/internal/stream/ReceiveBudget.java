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
 * half of it. A budget may have a {@link Parent} (a server's total over all its connections): bytes
 * count there too, and while the parent is exhausted every stream of the connection stops reading.
 * Not thread-safe: the connection's thread only (the parent is the binding's to make safe).
 */
public final class ReceiveBudget {

    /** A budget above several connections' budgets, such as a whole server's. */
    public interface Parent {
        void charge(long n);

        void credit(long n);

        boolean exhausted();

        /**
         * A connection parked streams because this parent is exhausted: {@code wakeUp} must run once
         * it no longer is (from any thread; the callee hops to the connection's own thread).
         */
        void wakeWhenAvailable(Runnable wakeUp);
    }

    private final long limit;
    private final Parent parent;
    private final Runnable wakeUp;
    private long held;
    private final Set<ReceiveSide> parked = new LinkedHashSet<>();

    public ReceiveBudget(long limit) {
        this(limit, null, null);
    }

    /**
     * @param wakeUp what the parent runs once it has room again; it should end in
     *               {@link #resumable()} on the connection's thread
     */
    public ReceiveBudget(long limit, Parent parent, Runnable wakeUp) {
        if (limit < 1) {
            throw new IllegalArgumentException("a receive budget must be positive");
        }
        this.limit = limit;
        this.parent = parent;
        this.wakeUp = wakeUp;
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
        if (parent != null) {
            parent.charge(n);
        }
    }

    void credit(long n) {
        held -= n;
        if (parent != null && n != 0) {
            parent.credit(n);
        }
    }

    /** Whether a stream receiving more must stop reading. */
    public boolean exhausted() {
        return held > limit || parentExhausted();
    }

    private boolean parentExhausted() {
        return parent != null && parent.exhausted();
    }

    void park(ReceiveSide stream) {
        parked.add(stream);
        if (parentExhausted()) {
            parent.wakeWhenAvailable(wakeUp);
        }
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
        if (parentExhausted()) {
            parent.wakeWhenAvailable(wakeUp);
            return List.of();
        }
        List<ReceiveSide> out = new ArrayList<>(parked);
        parked.clear();
        return out;
    }
}
