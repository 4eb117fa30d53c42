package net.webtransport.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The sending half of a WebTransport stream.
 *
 * <p>Writes are queued in call order; it is safe to call {@link #write} again before the previous
 * future completed. Each future completes when the transport has taken the bytes (not when the peer
 * acknowledged them) and so doubles as backpressure: awaiting it bounds what sits in memory. A
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

    /** Sends FIN after every queued write. Completes when the FIN was handed to the transport. */
    CompletableFuture<Void> finish();

    /**
     * Abandons sending with RESET_STREAM carrying {@code errorCode}, mapped into the HTTP/3
     * application error range (draft-ietf-webtrans-http3-16 §4.4). Queued writes fail.
     *
     * @param errorCode WebTransport application error code, 0 to 2<sup>32</sup>-1
     * @throws IllegalArgumentException if the code is out of range
     */
    void reset(long errorCode);

    /** Bytes accepted by {@link #write} so far. */
    long bytesWritten();
}
