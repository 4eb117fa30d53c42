package net.webtransport;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
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
 */
public final class WebTransportSendStream extends WritableStream<byte[]> {
    private final StreamHandle handle;
    private final Executor executor;
    private final WebTransport owner;
    private volatile long sendOrder;
    private volatile WebTransportSendGroup sendGroup;

    WebTransportSendStream(StreamHandle handle, WebTransport owner, WebTransportSendGroup group, long sendOrder, Executor executor) {
        super(new Sink(handle), QueuingStrategy.byteLength(1), executor);
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

    /** The stream's send group, or null for the transport's null group. */
    public WebTransportSendGroup sendGroup() {
        return sendGroup;
    }

    /**
     * Moves the stream into {@code group} (null: the null group).
     *
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
        if (group != null) {
            group.join(this);
        }
        handle.sendGroup(group == null ? 0 : group.number);
    }

    /** The counts now, for this stream and its group's sums. */
    WebTransportSendStreamStats currentStats() {
        long sent = handle.bytesSent();
        return new WebTransportSendStreamStats(Math.max(sent, handle.bytesWritten()), sent, null);
    }

    /** The stream's byte counts now (W3C §"getStats()" of WebTransportSendStream). */
    public java.util.concurrent.CompletableFuture<WebTransportSendStreamStats> getStats() {
        java.util.concurrent.CompletableFuture<WebTransportSendStreamStats> result = new java.util.concurrent.CompletableFuture<>();
        WebTransportSendStreamStats stats = currentStats();
        executor.execute(() -> result.complete(stats));
        return result;
    }

    /** The stream's place in the send order: among streams of one group, higher goes first. */
    public long sendOrder() {
        return sendOrder;
    }

    /** Moves the stream in the send order; takes effect for the bytes not yet sent. */
    public void sendOrder(long order) {
        this.sendOrder = order;
        handle.sendOrder(order);
    }

    private record Sink(StreamHandle handle) implements UnderlyingSink<byte[]> {
        @Override
        public CompletionStage<Void> write(byte[] chunk, WritableStreamController controller) {
            return chunk.length == 0 ? java.util.concurrent.CompletableFuture.completedFuture(null) : handle.write(chunk.clone());
        }

        @Override
        public CompletionStage<Void> close() {
            return handle.finish();
        }

        @Override
        public CompletionStage<Void> abort(Object reason) {
            handle.reset(StreamCodes.of(reason));
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }
}
