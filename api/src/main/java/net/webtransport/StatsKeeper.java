package net.webtransport;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import net.webtransport.spi.QuicStats;
import net.webtransport.spi.SessionHandle;

/**
 * The W3C getStats algorithm of one transport: asks the provider while the session is up, keeps the
 * last figures it gave, and once the session closed gives the figures taken as it closed.
 */
final class StatsKeeper {
    private final SessionHandle session;
    private final WebTransportDatagramDuplexStream datagrams;
    private final boolean pooled;
    private volatile WebTransportConnectionStats lastStats;
    /** The connection's figures taken as the session closed, which getStats() gives from then on. */
    private volatile CompletableFuture<QuicStats> statsAtClose;

    /**
     * @param pooled whether the session may share its connection: then only path estimates are shown
     */
    StatsKeeper(SessionHandle session, WebTransportDatagramDuplexStream datagrams, boolean pooled) {
        this.session = session;
        this.datagrams = datagrams;
        this.pooled = pooled;
    }

    /** Asks for the connection's figures as the session closes; called before the close goes out. */
    void takeAtClose() {
        statsAtClose = session.stats().exceptionally(e -> null);
    }

    /**
     * The statistics of a transport that was in state {@code now} when asked.
     *
     * @param ready  the transport's ready promise, which the figures wait for while connecting
     * @param failed whether the transport has failed, asked when the provider's answer is a failure
     */
    CompletableFuture<WebTransportConnectionStats> get(WebTransport.State now, CompletableFuture<Void> ready,
            BooleanSupplier failed) {
        CompletableFuture<WebTransportConnectionStats> result = new CompletableFuture<>();
        CompletableFuture<QuicStats> atClose = statsAtClose;
        if (now == WebTransport.State.CLOSED && atClose != null) {
            atClose.whenCompleteAsync((quic, e) -> {
                WebTransportConnectionStats last = lastStats;
                result.complete(quic != null ? StatsReport.of(quic, datagrams, pooled)
                        : last != null ? last : StatsReport.of(null, datagrams, pooled));
            }, session.executor());
            return result;
        }
        if (now == WebTransport.State.FAILED || now == WebTransport.State.CLOSED) {
            WebTransportConnectionStats last = lastStats;
            session.executor().execute(() -> {
                if (now == WebTransport.State.FAILED) {
                    result.completeExceptionally(new InvalidStateError("the transport failed"));
                } else {
                    result.complete(last != null ? last : StatsReport.of(null, datagrams, pooled));
                }
            });
            return result;
        }
        ready.thenCompose(v -> session.stats()).whenCompleteAsync((quic, e) -> {
            if (e != null) {
                WebTransportConnectionStats last = lastStats;
                if (last != null && !failed.getAsBoolean()) {
                    result.complete(last);
                } else {
                    result.completeExceptionally(new InvalidStateError("no statistics: the transport is not connected"));
                }
                return;
            }
            WebTransportConnectionStats stats = StatsReport.of(quic, datagrams, pooled);
            lastStats = stats;
            result.complete(stats);
        }, session.executor());
        return result;
    }
}
