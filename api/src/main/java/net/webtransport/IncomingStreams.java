package net.webtransport;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import net.webtransport.spi.StreamHandle;
import net.webtransport.streams.QueuingStrategy;
import net.webtransport.streams.ReadableStream;
import net.webtransport.streams.ReadableStreamController;
import net.webtransport.streams.UnderlyingSource;

/**
 * The two readable streams of streams the peer opens ({@code incomingBidirectionalStreams},
 * {@code incomingUnidirectionalStreams}): each new stream is queued until read; they close when the
 * session is closed and error when it fails.
 */
final class IncomingStreams {
    private final Executor executor;
    private final AtomicReference<ReadableStreamController<WebTransportBidirectionalStream>> bidiController = new AtomicReference<>();
    private final AtomicReference<ReadableStreamController<WebTransportReceiveStream>> uniController = new AtomicReference<>();
    final ReadableStream<WebTransportBidirectionalStream> bidirectional;
    final ReadableStream<WebTransportReceiveStream> unidirectional;

    private final WebTransport owner;

    IncomingStreams(WebTransport owner, Executor executor) {
        this.owner = owner;
        this.executor = executor;
        this.bidirectional = new ReadableStream<>(capturing(bidiController), QueuingStrategy.count(0), executor);
        this.unidirectional = new ReadableStream<>(capturing(uniController), QueuingStrategy.count(0), executor);
    }

    private static <T> UnderlyingSource<T> capturing(AtomicReference<ReadableStreamController<T>> into) {
        return new UnderlyingSource<>() {
            @Override
            public void start(ReadableStreamController<T> controller) {
                into.set(controller);
            }
        };
    }

    /** A stream the peer opened: queued for whoever reads the matching readable. */
    void accept(StreamHandle handle) {
        try {
            if (handle.canSend()) {
                bidiController.get().enqueue(new WebTransportBidirectionalStream(
                        new WebTransportReceiveStream(handle, executor), new WebTransportSendStream(handle, owner, null, 0, executor)));
            } else {
                uniController.get().enqueue(new WebTransportReceiveStream(handle, executor));
            }
        } catch (TypeError closedAlready) {
            // Nobody will take it (the transport is closed or the readable was cancelled): refuse
            // both directions, or the peer's read of a bidirectional stream waits for the session's end.
            handle.stopSending(0);
            if (handle.canSend()) {
                handle.reset(0, 0);
            }
        }
    }

    /** The session was closed: no more incoming streams. */
    void close() {
        quietly(() -> bidiController.get().close());
        quietly(() -> uniController.get().close());
    }

    /** The session failed. */
    void error(Throwable error) {
        bidiController.get().error(error);
        uniController.get().error(error);
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (TypeError alreadyClosed) {
            // closed or errored before: nothing to do
        }
    }
}
