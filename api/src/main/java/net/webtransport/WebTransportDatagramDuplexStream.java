package net.webtransport;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import net.webtransport.spi.SessionHandle;
import net.webtransport.streams.QueuingStrategy;
import net.webtransport.streams.ReadableByteStream;
import net.webtransport.streams.ReadableStream;
import net.webtransport.streams.ReadableStreamController;
import net.webtransport.streams.UnderlyingSink;
import net.webtransport.streams.UnderlyingSource;
import net.webtransport.streams.WritableStreamController;

/**
 * <a href="https://w3c.github.io/webtransport/#duplex-stream">WebTransportDatagramDuplexStream</a>:
 * incoming datagrams as a readable stream, outgoing ones through writables from
 * {@link #createWritable}. Incoming datagrams wait in a queue of at most
 * {@link #incomingMaxBufferedDatagrams()} (the oldest dropped first) for at most
 * {@link #incomingMaxAge()} ms; a datagram larger than {@link #maxDatagramSize()} is dropped on
 * write, as the spec says, and a write completes at once while fewer than
 * {@link #outgoingMaxBufferedDatagrams()} datagrams wait to be sent.
 *
 * <p>Datagrams are unreliable: one may be lost, duplicated or reordered on the way, and one that
 * does not fit in a QUIC packet is never sent. Get this object from {@link WebTransport#datagrams()}.
 */
public final class WebTransportDatagramDuplexStream {
    /** The default of both buffered-datagram limits. */
    public static final int DEFAULT_MAX_BUFFERED_DATAGRAMS = 1024;

    private record Incoming(byte[] payload, long arrivedMillis) {
    }

    private final SessionHandle session;
    /** The transport whose send groups a writable may join. */
    private final Object owner;
    private final BooleanSupplier transportOver;
    private final Executor executor;
    private final LongSupplier clockMillis;
    private final CompletableFuture<Void> established;
    private final ArrayDeque<Incoming> incoming = new ArrayDeque<>();
    /** The writables created here, which the transport's end closes or errors; weak, so dropped ones do not pile up. */
    private final java.util.Set<WebTransportDatagramsWritable> writables =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private final ReadableStream<byte[]> readable;
    private ReadableStreamController<byte[]> controller;
    private CompletableFuture<Void> waitingPull;
    private int incomingMax = DEFAULT_MAX_BUFFERED_DATAGRAMS;
    private int outgoingMax = DEFAULT_MAX_BUFFERED_DATAGRAMS;
    private Double incomingMaxAge;
    private Double outgoingMaxAge;
    private int outstandingSends;
    private long droppedIncoming;
    private long expiredIncoming;
    private long expiredOutgoing;

    WebTransportDatagramDuplexStream(Object owner, BooleanSupplier transportOver, SessionHandle session,
            CompletableFuture<Void> established, LongSupplier clockMillis, boolean bytes) {
        this.owner = owner;
        this.transportOver = transportOver;
        this.session = session;
        this.executor = session.executor();
        this.established = established;
        this.clockMillis = clockMillis;
        this.readable = bytes
                ? new ReadableByteStream(new Source(), QueuingStrategy.count(0), executor, true)
                : new ReadableStream<>(new Source(), QueuingStrategy.count(0), executor);
    }

    /**
     * Incoming datagrams, pulled one at a time. With {@code datagramsReadableType: "bytes"} this is a
     * {@link ReadableByteStream}: its BYOB reader reads one datagram per read, and a datagram larger
     * than the reader's buffer errors the readable with a {@link RangeError} (64 KiB buffers always
     * fit). The readable closes when the session is closed and errors with the session's error when
     * it fails.
     *
     * @return the readable, the same object on every call
     */
    public ReadableStream<byte[]> readable() {
        return readable;
    }

    /**
     * {@code createWritable()}: a writable in the null send group with send order 0.
     *
     * @return the new writable
     * @throws InvalidStateError if the transport is closed or failed
     */
    public WebTransportDatagramsWritable createWritable() {
        return createWritable(WebTransportSendOptions.DEFAULT);
    }

    /**
     * {@code createWritable(options)}: a writable for datagrams in the options' send group and order.
     * Datagrams written while the session is connecting wait for it; if it is never established their
     * writes fail with {@link InvalidStateError}.
     *
     * @param options the send group and send order
     * @return the new writable
     * @throws NullPointerException if {@code options} is null
     * @throws TypeError         if the send group belongs to another transport (checked first)
     * @throws InvalidStateError if the transport is closed or failed
     */
    public WebTransportDatagramsWritable createWritable(WebTransportSendOptions options) {
        if (options.sendGroup() != null && options.sendGroup().owner != owner) {
            throw new TypeError("the send group belongs to another WebTransport");
        }
        if (transportOver.getAsBoolean()) {
            throw new InvalidStateError("the transport is closed");
        }
        WebTransportDatagramsWritable writable =
                new WebTransportDatagramsWritable(new Sink(), owner, options.sendGroup(), options.sendOrder(), executor);
        synchronized (writables) {
            writables.add(writable);
        }
        if (transportOver.getAsBoolean()) {
            writable.transportEnded(null); // the transport ended while this one was made: it must not miss the end
        }
        return writable;
    }

    /**
     * The largest datagram payload that can be sent now (W3C {@code maxDatagramSize}); it depends on
     * the path's MTU, so it may change during the session.
     *
     * @return the size in bytes, or 0 before the session is established
     */
    public int maxDatagramSize() {
        return session.maxDatagramSize();
    }

    /**
     * How long an incoming datagram may wait to be read before it is dropped (W3C
     * {@code incomingMaxAge}).
     *
     * @return the age in milliseconds, or null for no limit (the default)
     */
    public synchronized Double incomingMaxAge() {
        return incomingMaxAge;
    }

    /**
     * Sets how long an incoming datagram may wait to be read.
     *
     * @param millis the age in milliseconds, or null (or 0) for no limit
     * @throws RangeError if negative or NaN
     */
    public synchronized void incomingMaxAge(Double millis) {
        incomingMaxAge = checkAge(millis);
    }

    /**
     * How long an outgoing datagram may wait to be sent before it is dropped (W3C
     * {@code outgoingMaxAge}).
     *
     * @return the age in milliseconds, or null for no limit (the default)
     */
    public synchronized Double outgoingMaxAge() {
        return outgoingMaxAge;
    }

    /**
     * Sets how long an outgoing datagram may wait to be sent.
     *
     * @param millis the age in milliseconds, or null (or 0) for no limit
     * @throws RangeError if negative or NaN
     */
    public synchronized void outgoingMaxAge(Double millis) {
        outgoingMaxAge = checkAge(millis);
    }

    /**
     * How many incoming datagrams may wait to be read (W3C {@code incomingMaxBufferedDatagrams}); past
     * it the oldest are dropped.
     *
     * @return the limit, {@value #DEFAULT_MAX_BUFFERED_DATAGRAMS} by default
     */
    public synchronized int incomingMaxBufferedDatagrams() {
        return incomingMax;
    }

    /**
     * Sets how many incoming datagrams may wait to be read.
     *
     * @param max the limit; values below 1 count as 1, values above {@link Integer#MAX_VALUE} as that
     */
    public synchronized void incomingMaxBufferedDatagrams(long max) {
        incomingMax = (int) Math.max(1, Math.min(Integer.MAX_VALUE, max));
    }

    /**
     * How many outgoing datagrams may wait to be sent before writes stop completing at once (W3C
     * {@code outgoingMaxBufferedDatagrams}): past it a write completes only once its datagram went to
     * QUIC, which is backpressure.
     *
     * @return the limit, {@value #DEFAULT_MAX_BUFFERED_DATAGRAMS} by default
     */
    public synchronized int outgoingMaxBufferedDatagrams() {
        return outgoingMax;
    }

    /**
     * Sets how many outgoing datagrams may wait to be sent before writes wait.
     *
     * @param max the limit; values below 1 count as 1, values above {@link Integer#MAX_VALUE} as that
     */
    public synchronized void outgoingMaxBufferedDatagrams(long max) {
        outgoingMax = (int) Math.max(1, Math.min(Integer.MAX_VALUE, max));
    }

    /**
     * Incoming datagrams dropped because the queue was full (see {@link #incomingMaxBufferedDatagrams()}).
     *
     * @return the count since the transport was created
     */
    public synchronized long droppedIncoming() {
        return droppedIncoming;
    }

    /**
     * Incoming datagrams dropped because they waited longer than {@link #incomingMaxAge()}.
     *
     * @return the count since the transport was created
     */
    public synchronized long expiredIncoming() {
        return expiredIncoming;
    }

    /**
     * Outgoing datagrams dropped because they waited longer than {@link #outgoingMaxAge()}.
     *
     * @return the count since the transport was created
     */
    public synchronized long expiredOutgoing() {
        return expiredOutgoing;
    }

    private static Double checkAge(Double millis) {
        if (millis == null) {
            return null;
        }
        if (millis.isNaN() || millis < 0) {
            throw new RangeError("an age must be a non-negative number of milliseconds, not " + millis);
        }
        return millis == 0 ? null : millis;
    }

    // ------------------------------------------------------------------ incoming

    /** A datagram arrived: a waiting read takes it, or it joins the queue (dropping the oldest past the limit). */
    void onDatagram(byte[] payload) {
        CompletableFuture<Void> pull;
        synchronized (this) {
            incoming.add(new Incoming(payload, clockMillis.getAsLong()));
            while (incoming.size() > incomingMax) {
                incoming.poll();
                droppedIncoming++;
            }
            pull = waitingPull;
            waitingPull = null;
        }
        if (pull != null) {
            deliverNext();
            pull.complete(null);
        }
    }

    /** The session is over: the readable and every writable close (or error with {@code error}). */
    void onEnded(Throwable error) {
        java.util.List<WebTransportDatagramsWritable> ending;
        synchronized (writables) {
            ending = java.util.List.copyOf(writables);
            writables.clear();
        }
        for (WebTransportDatagramsWritable writable : ending) {
            writable.transportEnded(error);
        }
        try {
            if (error != null) {
                controller.error(error);
            } else {
                controller.close();
            }
        } catch (TypeError alreadyEnded) {
            // ended before
        }
    }

    /** Enqueues the oldest datagram that has not expired; false if there is none. */
    private boolean deliverNext() {
        byte[] next = null;
        synchronized (this) {
            long now = clockMillis.getAsLong();
            while (!incoming.isEmpty()) {
                Incoming head = incoming.poll();
                if (incomingMaxAge != null && now - head.arrivedMillis() > incomingMaxAge) {
                    expiredIncoming++;
                    continue;
                }
                next = head.payload();
                break;
            }
        }
        if (next == null) {
            return false;
        }
        try {
            controller.enqueue(next);
        } catch (TypeError ended) {
            return true; // the readable was closed meanwhile
        }
        return true;
    }

    private final class Source implements UnderlyingSource<byte[]> {
        @Override
        public void start(ReadableStreamController<byte[]> c) {
            controller = c;
        }

        @Override
        public CompletionStage<Void> pull(ReadableStreamController<byte[]> c) {
            if (deliverNext()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> wait = new CompletableFuture<>();
            boolean raced;
            synchronized (WebTransportDatagramDuplexStream.this) {
                raced = !incoming.isEmpty();
                if (!raced) {
                    waitingPull = wait;
                }
            }
            if (raced) {
                deliverNext();
                return CompletableFuture.completedFuture(null);
            }
            return wait;
        }
    }

    // ------------------------------------------------------------------ outgoing

    /** Sends each datagram once the session is up; a write completes while the send queue has room. */
    private final class Sink implements UnderlyingSink<byte[]> {
        @Override
        public CompletionStage<Void> write(byte[] chunk, WritableStreamController c) {
            long written = clockMillis.getAsLong();
            byte[] payload = chunk.clone();
            CompletableFuture<Void> accepted = new CompletableFuture<>();
            established.whenComplete((v, e) -> {
                if (e != null) {
                    accepted.completeExceptionally(new InvalidStateError("the transport is closed"));
                    return;
                }
                send(payload, written, accepted);
            });
            return accepted;
        }

        private void send(byte[] payload, long writtenMillis, CompletableFuture<Void> accepted) {
            boolean roomLeft;
            synchronized (WebTransportDatagramDuplexStream.this) {
                if (outgoingMaxAge != null && clockMillis.getAsLong() - writtenMillis > outgoingMaxAge) {
                    expiredOutgoing++;
                    accepted.complete(null);
                    return;
                }
                if (payload.length > session.maxDatagramSize()) {
                    accepted.complete(null); // too large: dropped, as the spec says
                    return;
                }
                outstandingSends++;
                roomLeft = outstandingSends < outgoingMax;
            }
            if (roomLeft) {
                accepted.complete(null);
            }
            session.sendDatagram(payload).whenComplete((v, e) -> {
                synchronized (WebTransportDatagramDuplexStream.this) {
                    outstandingSends--;
                }
                accepted.complete(null); // no-op if it completed already
            });
        }
    }
}
