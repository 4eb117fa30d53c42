package net.webtransport.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A UDP relay between one client and a server on loopback that imitates a bad path, because the
 * kernel here has no netem: it drops, delays (with jitter, which reorders), duplicates and
 * rate-limits packets, each direction on its own, from a seeded random source so a failing run can
 * be repeated. {@link #rebind()} moves the relay's side toward the server to a new port, which the
 * server sees as the client's NAT changing its address.
 *
 * <p>The client talks to {@link #port()}; the relay forwards to the server from a socket of its own
 * and sends the answers back to wherever the client last sent from.
 */
final class UdpRelay implements AutoCloseable {

    /** What one direction does to its packets. All fields may be changed while the relay runs. */
    static final class Path {
        volatile double loss;
        volatile double duplication;
        volatile long delayMicros;
        volatile long jitterMicros;
        /** Bits per second, 0 for no cap; past {@link #queueBytes} waiting, packets are dropped. */
        volatile long rateBitsPerSecond;
        volatile long queueBytes = 1 << 20;
        /** Packets still to drop whatever the loss rate says (for "the last packets are lost"). */
        final AtomicInteger dropNext = new AtomicInteger();
        final AtomicLong forwarded = new AtomicLong();
        /** Sees every packet sent this way, before loss and delay, on the relay's receiving thread. */
        volatile Consumer<byte[]> tap;
        final AtomicLong dropped = new AtomicLong();
        private long nextFreeNanos;
        private long queuedBytes;

        /** Loss and one-way delay in one go. */
        Path lossy(double lossRate, long oneWayDelayMillis) {
            this.loss = lossRate;
            this.delayMicros = oneWayDelayMillis * 1000;
            return this;
        }
    }

    final Path toServer = new Path();
    final Path toClient = new Path();
    private final Random random;
    private final InetSocketAddress server;
    private final DatagramChannel front;
    private volatile DatagramChannel back;
    private volatile SocketAddress client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "udp-relay-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    UdpRelay(int serverPort, long seed) throws IOException {
        this.random = new Random(seed);
        this.server = new InetSocketAddress("127.0.0.1", serverPort);
        this.front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        start("udp-relay-from-client", front, true);
        start("udp-relay-from-server", back, false);
    }

    /** The port the client sends to. */
    int port() {
        return ((InetSocketAddress) localAddress(front)).getPort();
    }

    /** The port the server sees the client's packets come from. */
    int serverFacingPort() {
        return ((InetSocketAddress) localAddress(back)).getPort();
    }

    /**
     * The client's address "changes": packets to the server leave from a new port from now on, and
     * what the server still sends to the old one is lost, as behind a NAT that rebound.
     */
    void rebind() throws IOException {
        DatagramChannel old = back;
        DatagramChannel fresh = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        back = fresh;
        start("udp-relay-from-server", fresh, false);
        old.close();
    }

    private void start(String name, DatagramChannel from, boolean fromClient) {
        Thread t = new Thread(() -> pump(from, fromClient), name);
        t.setDaemon(true);
        t.start();
    }

    private void pump(DatagramChannel from, boolean fromClient) {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        try {
            while (!closed) {
                buf.clear();
                SocketAddress sender = from.receive(buf);
                if (fromClient) {
                    client = sender;
                }
                buf.flip();
                byte[] packet = new byte[buf.remaining()];
                buf.get(packet);
                forward(packet, fromClient ? toServer : toClient, fromClient);
            }
        } catch (ClosedChannelException rebound) {
            // this socket was replaced or the relay closed
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Applies the path's loss, rate, delay and duplication to one packet and schedules its delivery. */
    private void forward(byte[] packet, Path path, boolean toTheServer) {
        Consumer<byte[]> tap = path.tap;
        if (tap != null) {
            tap.accept(packet);
        }
        long sendAtNanos;
        int copies;
        synchronized (this) { // one random source for both directions keeps a seeded run repeatable
            if (path.dropNext.get() > 0 && path.dropNext.getAndDecrement() > 0 || random.nextDouble() < path.loss) {
                path.dropped.incrementAndGet();
                return;
            }
            long now = System.nanoTime();
            long jitter = path.jitterMicros == 0 ? 0 : (long) (random.nextDouble() * path.jitterMicros * 1000);
            sendAtNanos = now + path.delayMicros * 1000 + jitter;
            if (path.rateBitsPerSecond > 0) {
                if (path.nextFreeNanos < now) {
                    path.nextFreeNanos = now;
                    path.queuedBytes = 0;
                }
                if (path.queuedBytes + packet.length > path.queueBytes) {
                    path.dropped.incrementAndGet(); // the bottleneck's queue is full: drop-tail
                    return;
                }
                path.nextFreeNanos += packet.length * 8L * 1_000_000_000L / path.rateBitsPerSecond;
                path.queuedBytes += packet.length;
                sendAtNanos = Math.max(sendAtNanos, path.nextFreeNanos);
            }
            copies = random.nextDouble() < path.duplication ? 2 : 1;
        }
        for (int i = 0; i < copies; i++) {
            long delay = sendAtNanos - System.nanoTime();
            Runnable send = () -> deliver(packet, path, toTheServer);
            if (delay <= 0) {
                send.run();
            } else {
                timer.schedule(send, delay, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void deliver(byte[] packet, Path path, boolean toTheServer) {
        if (path.rateBitsPerSecond > 0) {
            synchronized (this) {
                path.queuedBytes = Math.max(0, path.queuedBytes - packet.length);
            }
        }
        try {
            if (toTheServer) {
                back.send(ByteBuffer.wrap(packet), server);
            } else if (client != null) {
                front.send(ByteBuffer.wrap(packet), client);
            }
            path.forwarded.incrementAndGet();
        } catch (IOException e) {
            path.dropped.incrementAndGet(); // a socket replaced by rebind() or closed
        }
    }

    private static SocketAddress localAddress(DatagramChannel channel) {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            front.close();
            back.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
