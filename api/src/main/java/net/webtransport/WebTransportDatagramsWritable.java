package net.webtransport;

import java.util.concurrent.Executor;
import net.webtransport.streams.QueuingStrategy;
import net.webtransport.streams.UnderlyingSink;
import net.webtransport.streams.WritableStream;

/**
 * <a href="https://w3c.github.io/webtransport/#datagram-writable">WebTransportDatagramsWritable</a>:
 * a writable stream of datagrams with its place in the send order ({@link #sendGroup()},
 * {@link #sendOrder()}).
 *
 * <p>The place is recorded but does not yet order datagrams against streams or each other: each
 * datagram goes to QUIC as it is written, and quiche puts queued DATAGRAM frames into packets ahead
 * of stream data (a gap the README lists).
 *
 * <p>A write completes once the datagram went to QUIC, or at once while fewer than
 * {@link WebTransportDatagramDuplexStream#outgoingMaxBufferedDatagrams()} datagrams wait; a datagram
 * larger than {@link WebTransportDatagramDuplexStream#maxDatagramSize()}, or older than
 * {@link WebTransportDatagramDuplexStream#outgoingMaxAge()} when its turn comes, is dropped and its
 * write still completes normally. Get one from {@link WebTransportDatagramDuplexStream#createWritable}.
 */
public final class WebTransportDatagramsWritable extends WritableStream<byte[]> {
    private final Object owner;
    private volatile WebTransportSendGroup sendGroup;
    private volatile long sendOrder;

    WebTransportDatagramsWritable(UnderlyingSink<byte[]> sink, Object owner, WebTransportSendGroup sendGroup, long sendOrder,
            Executor executor) {
        super(sink, QueuingStrategy.count(1), executor);
        this.owner = owner;
        this.sendGroup = sendGroup;
        this.sendOrder = sendOrder;
    }

    /**
     * The transport ended (W3C cleanup): with no error, as after a clean close, the writable closes;
     * otherwise it errors with {@code error}.
     */
    void transportEnded(Throwable error) {
        if (error == null) {
            closeFromOwner();
        } else {
            errorFromOwner(error);
        }
    }

    /**
     * The writable's send group (W3C {@code sendGroup}).
     *
     * @return the group, or null for the transport's null group
     */
    public WebTransportSendGroup sendGroup() {
        return sendGroup;
    }

    /**
     * Moves the writable into {@code group} (null: the null group).
     *
     * @param group the new group, or null
     * @throws InvalidStateError if the group belongs to another transport
     */
    public void sendGroup(WebTransportSendGroup group) {
        if (group != null && group.owner != owner) {
            throw new InvalidStateError("the send group belongs to another WebTransport");
        }
        this.sendGroup = group;
    }

    /**
     * The writable's place in the send order within its group (W3C {@code sendOrder}).
     *
     * @return the send order; higher goes first
     */
    public long sendOrder() {
        return sendOrder;
    }

    /**
     * Moves the writable in the send order.
     *
     * @param order the new send order
     */
    public void sendOrder(long order) {
        this.sendOrder = order;
    }
}
