package net.webtransport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * <a href="https://w3c.github.io/webtransport/#webtransportsendgroup">WebTransportSendGroup</a>:
 * streams in one group go strictly by send order; groups share the connection fairly. A group
 * belongs to the transport that created it ({@link WebTransport#createSendGroup()}); streams join it
 * through {@link WebTransportSendStreamOptions#sendGroup()} or {@link WebTransportSendStream#sendGroup(WebTransportSendGroup)}.
 */
public final class WebTransportSendGroup {
    final WebTransport owner;
    /** This group's number within its session; 0 is the null group. */
    final long number;
    private final List<WebTransportSendStream> members = new CopyOnWriteArrayList<>();

    WebTransportSendGroup(WebTransport owner, long number) {
        this.owner = owner;
        this.number = number;
    }

    void join(WebTransportSendStream stream) {
        members.add(stream);
    }

    void leave(WebTransportSendStream stream) {
        members.remove(stream);
    }

    /**
     * The sum of the member send streams' statistics (W3C {@code getStats()} of WebTransportSendGroup).
     * Datagram writables are not counted.
     *
     * @return the sums, taken at the call and completed on the transport's executor
     */
    public CompletableFuture<WebTransportSendStreamStats> getStats() {
        long written = 0;
        long sent = 0;
        for (WebTransportSendStream s : members) {
            WebTransportSendStreamStats st = s.currentStats();
            written += st.bytesWritten();
            sent += st.bytesSent();
        }
        WebTransportSendStreamStats total = new WebTransportSendStreamStats(written, sent, null);
        CompletableFuture<WebTransportSendStreamStats> result = new CompletableFuture<>();
        owner.executor().execute(() -> result.complete(total));
        return result;
    }
}
