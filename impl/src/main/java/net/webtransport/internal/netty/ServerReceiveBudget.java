package net.webtransport.internal.netty;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.webtransport.internal.stream.ReceiveBudget;

/**
 * What all connections of a server hold for their readers together. Connections on several event
 * loops charge it at once, so it counts atomically; connections that parked streams because it was
 * exhausted are woken once readers drained it below half.
 */
final class ServerReceiveBudget implements ReceiveBudget.Parent {
    private final long limit;
    private final AtomicLong held = new AtomicLong();
    private final Set<Runnable> waiting = new LinkedHashSet<>();
    private volatile boolean anyWaiting;

    ServerReceiveBudget(long limit) {
        this.limit = limit;
    }

    @Override
    public void charge(long n) {
        held.addAndGet(n);
    }

    @Override
    public void credit(long n) {
        long now = held.addAndGet(-n);
        if (anyWaiting && now < limit / 2) {
            List<Runnable> wake;
            synchronized (waiting) {
                wake = new ArrayList<>(waiting);
                waiting.clear();
                anyWaiting = false;
            }
            wake.forEach(Runnable::run);
        }
    }

    @Override
    public boolean exhausted() {
        return held.get() > limit;
    }

    @Override
    public void wakeWhenAvailable(Runnable wakeUp) {
        synchronized (waiting) {
            waiting.add(wakeUp);
            anyWaiting = true;
        }
        if (held.get() < limit / 2) {
            credit(0); // drained meanwhile: wake now rather than wait for the next read
        }
    }

    long held() {
        return held.get();
    }
}
