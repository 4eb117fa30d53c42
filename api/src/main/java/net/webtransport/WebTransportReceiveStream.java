package net.webtransport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import net.webtransport.spi.StreamHandle;
import net.webtransport.streams.QueuingStrategy;
import net.webtransport.streams.ReadableByteStream;
import net.webtransport.streams.ReadableStreamController;
import net.webtransport.streams.UnderlyingSource;

/**
 * <a href="https://w3c.github.io/webtransport/#receive-stream">WebTransportReceiveStream</a>: a
 * readable stream of byte chunks, read from the network only as the reader asks (high-water mark
 * 0), so a slow reader slows the peer through flow control. The peer's FIN closes it; a reset errors
 * it with a stream {@link WebTransportError} carrying the peer's code; {@code cancel(reason)} sends
 * STOP_SENDING with the reason's {@code streamErrorCode} (0 if it has none). It is a byte stream:
 * {@link #getBYOBReader()} reads into the caller's buffers. If the session ends before the FIN, the
 * stream errors: with an {@link AbortError} when it was closed locally, otherwise with a session
 * {@link WebTransportError}. Futures complete on the transport's executor.
 */
public final class WebTransportReceiveStream extends ReadableByteStream {

    private final StreamHandle handle;
    private final Executor executor;

    WebTransportReceiveStream(StreamHandle handle, Executor executor) {
        super(new Source(handle), QueuingStrategy.byteLength(0), executor);
        this.handle = handle;
        this.executor = executor;
    }

    /**
     * The stream's byte counts now (W3C {@code getStats()} of WebTransportReceiveStream).
     *
     * @return the counts, taken at the call and completed on the transport's executor
     */
    public CompletableFuture<WebTransportReceiveStreamStats> getStats() {
        CompletableFuture<WebTransportReceiveStreamStats> result = new CompletableFuture<>();
        long read = handle.bytesRead();
        WebTransportReceiveStreamStats stats = new WebTransportReceiveStreamStats(Math.max(read, handle.bytesReceived()), read);
        executor.execute(() -> result.complete(stats));
        return result;
    }

    private record Source(StreamHandle handle) implements UnderlyingSource<byte[]> {
        @Override
        public CompletionStage<Void> pull(ReadableStreamController<byte[]> controller) {
            return handle.read().handle((received, error) -> {
                if (error != null) {
                    controller.error(error instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                            ? c.getCause() : error);
                    return null;
                }
                if (received.data().length > 0) {
                    controller.enqueue(received.data());
                }
                if (received.fin()) {
                    controller.close();
                }
                return null;
            });
        }

        @Override
        public CompletionStage<Void> cancel(Object reason) {
            handle.stopSending(StreamCodes.of(reason));
            return CompletableFuture.completedFuture(null);
        }
    }
}
