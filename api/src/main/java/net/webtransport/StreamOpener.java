package net.webtransport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import net.webtransport.spi.SessionHandle;
import net.webtransport.spi.StreamHandle;

/**
 * The steps that createBidirectionalStream and createUnidirectionalStream share (W3C
 * §createBidirectionalStream): check the send group and the state, wait for the session, ask the
 * provider for a stream, and turn its failures into the errors the spec names.
 */
final class StreamOpener {
    private final WebTransport owner;
    private final SessionHandle session;
    private final CompletableFuture<Void> ready;
    private final BooleanSupplier over;

    /**
     * @param ready the transport's ready promise, which opening waits for while connecting
     * @param over  whether the transport is closed or failed
     */
    StreamOpener(WebTransport owner, SessionHandle session, CompletableFuture<Void> ready, BooleanSupplier over) {
        this.owner = owner;
        this.session = session;
        this.ready = ready;
        this.over = over;
    }

    /** Opens a stream of the given kind; the result completes on the session's executor. */
    CompletableFuture<StreamHandle> open(boolean bidirectional, WebTransportSendStreamOptions options) {
        long sendOrder = options.sendOrder();
        CompletableFuture<StreamHandle> result = new CompletableFuture<>();
        if (options.sendGroup() != null && options.sendGroup().owner != owner) { // checked before the state (2026-07)
            session.executor().execute(() -> result.completeExceptionally(
                    new TypeError("the send group belongs to another WebTransport")));
            return result;
        }
        if (over.getAsBoolean()) {
            session.executor().execute(() -> result.completeExceptionally(new InvalidStateError("the transport is closed")));
            return result;
        }
        ready.thenCompose(v -> session.openStream(bidirectional, sendOrder, options.waitUntilAvailable())).whenCompleteAsync((h, e) -> {
            Throwable cause = e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e;
            if (cause instanceof QuotaExceededError quota && !over.getAsBoolean()) {
                result.completeExceptionally(quota);
            } else if (e != null || over.getAsBoolean()) {
                // The spec's InvalidStateError either way; the message says which it was.
                InvalidStateError failed = over.getAsBoolean() || cause == null
                        ? new InvalidStateError("the transport closed before the stream was open")
                        : new InvalidStateError("the stream could not be opened: " + cause.getMessage());
                if (cause != null) {
                    failed.initCause(cause);
                }
                result.completeExceptionally(failed);
            } else {
                result.complete(h);
            }
        }, session.executor());
        return result;
    }
}
