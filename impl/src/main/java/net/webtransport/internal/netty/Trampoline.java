package net.webtransport.internal.netty;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs completions on the user's executor without one hand-off per completion. A completion that
 * arrives while another one is running on the same executor thread (typically: a reader's callback
 * reads again and the data is already there) is queued and runs right after the current one
 * returns, on the same thread. That keeps callbacks off Netty's threads, keeps the stack flat for
 * readers that read again from their callback, and lets a reader that is busy catch up without a
 * thread wake-up per packet. The price: a callback must not block waiting for a completion that
 * would be queued behind itself.
 */
final class Trampoline {
    private static final ThreadLocal<ArrayDeque<Runnable>> QUEUE = new ThreadLocal<>();

    private Trampoline() {
    }

    static void run(Executor executor, Runnable completion) {
        ArrayDeque<Runnable> queue = QUEUE.get();
        if (queue != null) {
            queue.add(completion);
            return;
        }
        executor.execute(() -> drain(completion));
    }

    private static void drain(Runnable first) {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        QUEUE.set(queue);
        try {
            for (Runnable r = first; r != null; r = queue.poll()) {
                r.run();
            }
        } finally {
            QUEUE.remove();
        }
    }
}
