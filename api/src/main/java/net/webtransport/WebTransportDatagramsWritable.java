package net.webtransport;

import java.util.concurrent.Executor;
import net.webtransport.streams.QueuingStrategy;
import net.webtransport.streams.UnderlyingSink;
import net.webtransport.streams.WritableStream;

/**
 * <a href="https://w3c.github.io/webtransport/#datagram-writable">WebTransportDatagramsWritable</a>:
 * a writable stream of datagrams (send groups arrive with their part of the API).
 */
public final class WebTransportDatagramsWritable extends WritableStream<byte[]> {
    private volatile long sendOrder;

    WebTransportDatagramsWritable(UnderlyingSink<byte[]> sink, long sendOrder, Executor executor) {
        super(sink, QueuingStrategy.count(1), executor);
        this.sendOrder = sendOrder;
    }

    public long sendOrder() {
        return sendOrder;
    }

    public void sendOrder(long order) {
        this.sendOrder = order;
    }
}
