package net.webtransport.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The sending half of a WebTransport stream.
 *
 * <p>Writes are queued in call order; it is safe to call {@link #write} again before the previous
 * future completed. Each stream has a send buffer bounded by a high-water mark (64 KiB by default);
 * a write's future completes when its bytes entered that buffer (not when the peer acknowledged
 * them), so awaiting it is backpressure: an application that awaits its writes holds at most the
 * high-water mark plus one write per stream. {@link #desiredSize()} tells how much room is left. A
 * failure is a {@link StreamStoppedException} (peer sent STOP_SENDING), a {@link SessionClosedException}
 * or another {@link WebTransportException}. Futures complete on the session's executor, never on a
 * network thread.
 */
public interface SendStream {

    /** The QUIC stream id. */
    long id();

    /**
     * Queues the remaining bytes of {@code data}. The bytes are copied before this method returns,
     * so the caller may reuse the buffer at once. An empty buffer completes immediately.
     */
    CompletableFuture<Void> write(ByteBuffer data);

    /**
     * Queues {@code data} and, if {@code fin}, finishes the stream after it: the FIN then travels in
     * the same packet as the last bytes. With {@code fin} the future completes when the FIN was handed
     * to QUIC; without it, as {@link #write(ByteBuffer)}.
     */
    CompletableFuture<Void> write(ByteBuffer data, boolean fin);

    /**
     * Queues {@code data} only if it can be sent whole within the flow-control window open now (the
     * W3C {@code atomicWrite}): completes with true once accepted as {@link #write} would be, or with
     * false, sending nothing, when the window is too small for it after what is queued ahead. The
     * window is the smaller of QUIC's room for the stream and the session's WebTransport credit;
     * quiche reports QUIC's stream and connection credit together with the room left in the
     * congestion window, so a write larger than that room is refused too (keep atomic writes small).
     */
    CompletableFuture<Boolean> writeAtomic(ByteBuffer data);

    /** Sends FIN after every queued write. Completes when the FIN was handed to the transport. */
    CompletableFuture<Void> finish();

    /**
     * Sets the stream's send order (W3C WebTransport {@code sendOrder}): among the streams of a
     * session, bytes of a stream with a higher order are sent before those of a lower one; equal
     * orders share. Takes effect for bytes not yet handed to QUIC. The default is 0.
     */
    void sendOrder(long order);

    /**
     * Moves the stream into send group {@code group} of its session (W3C {@code sendGroup}): groups
     * share the connection fairly, and within a group the send order is strict. Group 0, the
     * default, is the session's own; any other number names a group of this session only.
     */
    void sendGroup(long group);

    /**
     * Bytes that can still be written before writes start to wait (the W3C {@code desiredSize}):
     * the high-water mark minus what was written and not yet handed to QUIC. Negative while writes
     * wait beyond the mark.
     */
    long desiredSize();

    /**
     * Abandons sending with RESET_STREAM carrying {@code errorCode}, mapped into the HTTP/3
     * application error range (draft-ietf-webtrans-http3-16 §4.4). Queued writes fail.
     *
     * @param errorCode WebTransport application error code, 0 to 2<sup>32</sup>-1
     * @throws IllegalArgumentException if the code is out of range
     */
    void reset(long errorCode);

    /**
     * As {@link #reset}, but first hands QUIC the stream's first {@code reliableSize} bytes (the W3C
     * committed offset; clamped to the bytes accepted so far): what lies beyond them is dropped, and
     * RESET_STREAM follows once they were all handed over. This stands in for RESET_STREAM_AT, which
     * quiche cannot send: a peer that receives the RESET_STREAM before it read those bytes may
     * discard them, and lost packets among them are not sent again.
     */
    void reset(long errorCode, long reliableSize);

    /**
     * As {@link #reset}, but sends {@code http3ErrorCode} unmapped: for relays and test servers that
     * pass on a code they received as is (a WebTransport peer sees no application code unless it
     * lies in the WebTransport range).
     *
     * @param http3ErrorCode 0 to 2<sup>62</sup>-1
     */
    void resetWithHttp3Code(long http3ErrorCode);

    /** Bytes accepted by {@link #write} so far. */
    long bytesWritten();

    /** Bytes handed to QUIC so far (at most {@link #bytesWritten()}); not yet acknowledged bytes among them. */
    long bytesSent();
}
