package net.webtransport.internal.stream;

/**
 * One WebTransport stream as the session layer knows it: its id, its session, and the halves this
 * endpoint uses (a unidirectional stream has only one). The binding attaches its own I/O object.
 */
public final class WtStream {
    private final long id;
    private final long sessionId;
    private final SendSide send;
    private final ReceiveSide receive;
    private long sendOrder;
    /** The scheduler's group of this stream: by default its session's. */
    private long sendGroup;
    private Object io;
    /** Received bytes already charged to the session's flow control, and consumed bytes already credited back. */
    private long flowReceived;
    private long flowConsumed;

    public WtStream(long id, long sessionId, SendSide send, ReceiveSide receive) {
        this.id = id;
        this.sessionId = sessionId;
        this.send = send;
        this.receive = receive;
        this.sendGroup = sessionId;
    }

    /** The scheduler's group key of this stream (see the session layer's send groups). */
    public long sendGroup() {
        return sendGroup;
    }

    public void sendGroup(long groupKey) {
        this.sendGroup = groupKey;
    }

    public long id() {
        return id;
    }

    public long sessionId() {
        return sessionId;
    }

    /** The send half, or null on a stream the peer opened in one direction. */
    public SendSide send() {
        return send;
    }

    /** The receive half, or null on a stream this endpoint opened in one direction. */
    public ReceiveSide receive() {
        return receive;
    }

    public long sendOrder() {
        return sendOrder;
    }

    public void sendOrder(long order) {
        this.sendOrder = order;
    }

    /** Whether neither half has anything left to do. */
    public boolean isOver() {
        return (send == null || send.isOver()) && (receive == null || receive.isOver());
    }

    /**
     * Charges bytes received since the last call to the session's flow control: the receive
     * side's total minus what was charged before.
     */
    public long newlyReceived() {
        long total = receive == null ? 0 : receive.bytesReceived();
        long fresh = total - flowReceived;
        flowReceived = total;
        return fresh;
    }

    /**
     * Bytes consumed since the last call, to be credited back to the peer: what the reader took, or
     * everything received once the receive side was abandoned or the stream is over.
     */
    public long newlyConsumed(boolean over) {
        if (receive == null) {
            return 0;
        }
        long total = over || receive.abort() != ReceiveSide.Abort.NONE ? receive.bytesReceived() : receive.bytesRead();
        long fresh = total - flowConsumed;
        flowConsumed = total;
        return fresh;
    }

    /** The binding's object for this stream (its channel handler), or null before it attached one. */
    public Object io() {
        return io;
    }

    public void io(Object io) {
        this.io = io;
    }
}
