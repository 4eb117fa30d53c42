package net.webtransport.internal.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import net.webtransport.transport.WebTransportException;

/**
 * The UDP sockets a client's connections go out on, per event loop, each with its own QUIC codec.
 *
 * <p>Up to {@link #OWN_SOCKETS_PER_LOOP} connections of a loop get a socket each: from different
 * ports they reach a server with several {@code SO_REUSEPORT} sockets on different ones (the kernel
 * spreads them by the 4-tuple). Past that, a new connection shares the socket that carries the
 * fewest, and the codec tells the connections apart by their IDs. The cap is what bounds a client's
 * native memory: each codec makes a quiche config, which loads the system's CA file into BoringSSL
 * (about 1 MiB resident per codec here), although Netty verifies certificates with its own TLS
 * context and that one is never used.
 *
 * <p>A socket whose last connection ended is kept as a spare for the next connection (at most
 * {@link #SPARE_SOCKETS_PER_LOOP} per loop), since binding a socket and building its codec cost more
 * than the handshake on this machine.
 */
final class ClientSockets {
    /** Sockets a loop's connections get one each before they share. */
    static final int OWN_SOCKETS_PER_LOOP = 16;
    /** Idle sockets kept per loop for the next connections; more are closed. */
    static final int SPARE_SOCKETS_PER_LOOP = 4;

    private final Function<EventLoop, ChannelFuture> bind;
    // Guarded by this.
    private final Map<EventLoop, LoopSockets> loops = new HashMap<>();
    private boolean closed;

    private static final class LoopSockets {
        final ArrayDeque<Channel> spares = new ArrayDeque<>();
        /** Sockets in use and how many connections each carries. */
        final Map<Channel, Integer> inUse = new HashMap<>();
        /** Sockets being bound for a connection. */
        int binding;
    }

    /** Sockets made by {@code bind}, a UDP socket with its QUIC codec on the given loop. */
    ClientSockets(Function<EventLoop, ChannelFuture> bind) {
        this.bind = bind;
    }

    /**
     * One connection's use of a socket. Released once, however often {@link #release} is called: a
     * connection that fails is both closed and reported failed, and a socket other connections
     * share must not be given back twice for it.
     */
    final class Lease {
        final Channel socket;
        private final EventLoop loop;
        private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

        private Lease(EventLoop loop, Channel socket) {
            this.loop = loop;
            this.socket = socket;
        }

        /** The connection ended (or never started): after the socket's last, it is kept spare or closed. */
        void release() {
            if (released.compareAndSet(false, true)) {
                ClientSockets.this.release(loop, socket);
            }
        }
    }

    /** A socket on {@code loop} for one more connection. */
    CompletableFuture<Lease> acquire(EventLoop loop) {
        return socketFor(loop).thenApply(socket -> new Lease(loop, socket));
    }

    private CompletableFuture<Channel> socketFor(EventLoop loop) {
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
            }
            LoopSockets sockets = loops.computeIfAbsent(loop, l -> new LoopSockets());
            if (sockets.inUse.size() + sockets.binding >= OWN_SOCKETS_PER_LOOP && !sockets.inUse.isEmpty()) {
                Channel shared = leastUsed(sockets);
                sockets.inUse.merge(shared, 1, Integer::sum);
                return CompletableFuture.completedFuture(shared);
            }
            Channel spare;
            while ((spare = sockets.spares.pollFirst()) != null) {
                if (spare.isActive()) {
                    sockets.inUse.put(spare, 1);
                    return CompletableFuture.completedFuture(spare);
                }
            }
            sockets.binding++;
        }
        CompletableFuture<Channel> result = new CompletableFuture<>();
        bind.apply(loop).addListener(bound -> {
            Channel socket = ((ChannelFuture) bound).channel();
            boolean refused;
            synchronized (this) {
                LoopSockets sockets = loops.get(loop);
                sockets.binding--;
                refused = closed;
                if (bound.isSuccess() && !closed) {
                    sockets.inUse.put(socket, 1);
                }
            }
            if (!bound.isSuccess()) {
                result.completeExceptionally(new WebTransportException("could not open a UDP socket: " + bound.cause(),
                        bound.cause()));
            } else if (refused) {
                socket.close();
                result.completeExceptionally(new IllegalStateException("the client is closed"));
            } else {
                result.complete(socket);
            }
        });
        return result;
    }

    private static Channel leastUsed(LoopSockets sockets) {
        Channel best = null;
        int fewest = Integer.MAX_VALUE;
        for (Map.Entry<Channel, Integer> e : sockets.inUse.entrySet()) {
            if (e.getValue() < fewest) {
                best = e.getKey();
                fewest = e.getValue();
            }
        }
        return best;
    }

    private void release(EventLoop loop, Channel socket) {
        synchronized (this) {
            LoopSockets sockets = loops.get(loop);
            Integer carried = sockets == null ? null : sockets.inUse.get(socket);
            if (carried == null) {
                return; // released already, or the client closed it
            }
            if (carried > 1) {
                sockets.inUse.put(socket, carried - 1);
                return;
            }
            sockets.inUse.remove(socket);
            if (!closed && socket.isActive() && sockets.spares.size() < SPARE_SOCKETS_PER_LOOP) {
                sockets.spares.addLast(socket);
                return;
            }
        }
        socket.close();
    }

    /** Sockets open now, in use or spare. */
    synchronized int count() {
        int n = 0;
        for (LoopSockets sockets : loops.values()) {
            n += sockets.inUse.size() + sockets.spares.size();
        }
        return n;
    }

    /** Closes every socket; later acquisitions fail. */
    void close() {
        java.util.List<Channel> all = new java.util.ArrayList<>();
        synchronized (this) {
            closed = true;
            for (LoopSockets sockets : loops.values()) {
                all.addAll(sockets.inUse.keySet());
                all.addAll(sockets.spares);
                sockets.inUse.clear();
                sockets.spares.clear();
            }
        }
        for (Channel socket : all) {
            socket.close().syncUninterruptibly();
        }
    }
}
