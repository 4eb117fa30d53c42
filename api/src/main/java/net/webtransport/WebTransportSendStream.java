package net.webtransport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import net.webtransport.spi.StreamHandle;
import net.webtransport.streams.QueuingStrategy;
import net.webtransport.streams.UnderlyingSink;
import net.webtransport.streams.WritableStream;
import net.webtransport.streams.WritableStreamController;

/**
 * <a href="https://w3c.github.io/webtransport/#send-stream">WebTransportSendStream</a>: a writable
 * stream of byte chunks. A write completes once its bytes are inside the stream's send buffer (not
 * when the peer acknowledges them); {@code close()} sends FIN; {@code abort(reason)} resets the stream
 * with the reason's {@code streamErrorCode} (0 if it has none). If the peer sends STOP_SENDING the
 * stream errors with a stream {@link WebTransportError}.
 *
 * <p>Its high-water mark is one byte, so the writer's {@code ready} waits whenever a write is still
 * on its way into the send buffer. If the session ends, pending and later writes fail: with an
 * {@link AbortError} when it was closed locally, otherwise with a session {@link WebTransportError}.
 * Futures complete on the transport's executor.
 */
public final class WebTransportSendStream extends WritableStream<byte[]> {
    private final StreamHandle handle;
    private final Executor executor;
    private final WebTransport owner;
    private volatile long sendOrder;
    private volatile WebTransportSendGroup sendGroup;
    /** Closed or errored: the stream no longer counts in its group's statistics. */
    private volatile boolean ended;

    WebTransportSendStream(StreamHandle handle, WebTransport owner, WebTransportSendGroup group, long sendOrder, Executor executor) {
        this(new Sink(handle), handle, owner, group, sendOrder, executor);
    }

    private WebTransportSendStream(Sink sink, StreamHandle handle, WebTransport owner, WebTransportSendGroup group,
            long sendOrder, Executor executor) {
        super(sink, QueuingStrategy.byteLength(1), executor);
        sink.stream = this;
        this.handle = handle;
        this.executor = executor;
        this.owner = owner;
        this.sendOrder = sendOrder;
        if (group != null) {
            this.sendGroup = group;
            group.join(this);
            handle.sendGroup(group.number);
        }
    }

    /**
     * The stream's send group (W3C {@code sendGroup}).
     *
     * @return the group, or null for the transport's null group
     */
    public WebTransportSendGroup sendGroup() {
        return sendGroup;
    }

    /**
     * Moves the stream into {@code group} (null: the null group).
     *
     * @param group the new group, or null
     * @throws InvalidStateError if the group belongs to another transport
     */
    public void sendGroup(WebTransportSendGroup group) {
        if (group != null && group.owner != owner) {
            throw new InvalidStateError("the send group belongs to another WebTransport");
        }
        WebTransportSendGroup old = sendGroup;
        if (old != null) {
            old.leave(this);
        }
        sendGroup = group;
        if (group != null && !ended) {
            group.join(this);
        }
        handle.sendGroup(group == null ? 0 : group.number);
    }

    /** The counts now, for this stream and its group's sums. */
    WebTransportSendStreamStats currentStats() {
        long sent = handle.bytesSent();
        return new WebTransportSendStreamStats(Math.max(sent, handle.bytesWritten()), sent, null);
    }

    /**
     * The stream's byte counts now (W3C {@code getStats()} of WebTransportSendStream).
     *
     * @return the counts, taken at the call and completed on the transport's executor
     */
    public CompletableFuture<WebTransportSendStreamStats> getStats() {
        CompletableFuture<WebTransportSendStreamStats> result = new CompletableFuture<>();
        WebTransportSendStreamStats stats = currentStats();
        executor.execute(() -> result.complete(stats));
        return result;
    }

    /**
     * The stream's place in the send order (W3C {@code sendOrder}): among streams of one group,
     * higher goes first.
     *
     * @return the send order
     */
    public long sendOrder() {
        return sendOrder;
    }

    /**
     * Moves the stream in the send order; takes effect for the bytes not yet sent.
     *
     * @param order the new send order
     */
    public void sendOrder(long order) {
        this.sendOrder = order;
        handle.sendOrder(order);
    }

    /**
     * A {@link WebTransportWriter} (W3C {@code getWriter()}): the default writer plus
     * {@code atomicWrite} and {@code commit}.
     *
     * @return the new writer, holding the stream's lock
     * @throws TypeError if the stream is locked already
     */
    /** A finished or failed stream leaves its send group, which would otherwise hold it for the transport's life. */
    @Override
    protected void ended() {
        ended = true;
        WebTransportSendGroup group = sendGroup;
        if (group != null) {
            group.leave(this);
        }
    }

    @Override
    public WebTransportWriter getWriter() {
        return new WebTransportWriter(this);
    }

    /** W3C {@code commit()}: the committed offset becomes the bytes written so far. */
    void commit() {
        committedOffset = bytesWritten.get();
    }

    /** The W3C [[BytesWritten]]: bytes of the writes that completed. */
    private final AtomicLong bytesWritten = new AtomicLong();
    /** The W3C [[CommittedOffset]]: bytes to deliver even if the stream is aborted. */
    private volatile long committedOffset;

    private static final class Sink implements UnderlyingSink<byte[]> {
        private final StreamHandle handle;
        private WebTransportSendStream stream;

        Sink(StreamHandle handle) {
            this.handle = handle;
        }

        @Override
        public CompletionStage<Void> write(byte[] chunk, WritableStreamController controller) {
            if (chunk.length == 0) {
                return CompletableFuture.completedFuture(null);
            }
            return handle.write(chunk.clone()).thenRun(() -> stream.bytesWritten.addAndGet(chunk.length));
        }

        @Override
        public CompletionStage<Boolean> writeAtomic(byte[] chunk, WritableStreamController controller) {
            if (chunk.length == 0) {
                return CompletableFuture.completedFuture(true);
            }
            return handle.writeAtomic(chunk.clone()).thenApply(taken -> {
                if (taken) {
                    stream.bytesWritten.addAndGet(chunk.length);
                }
                return taken;
            });
        }

        @Override
        public CompletionStage<Void> close() {
            return handle.finish();
        }

        @Override
        public CompletionStage<Void> abort(Object reason) {
            handle.reset(StreamCodes.of(reason), stream.committedOffset);
            return CompletableFuture.completedFuture(null);
        }
    }
}
