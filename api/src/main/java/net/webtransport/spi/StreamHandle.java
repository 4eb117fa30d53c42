package net.webtransport.spi;

import java.util.concurrent.CompletableFuture;

/**
 * A provider's WebTransport stream. Its futures complete on the session's executor and fail with
 * the API's exceptions: {@link net.webtransport.WebTransportError} for what the peer or the session
 * did, {@link net.webtransport.AbortError} once the session was closed locally.
 */
public interface StreamHandle {

    /** What one read gave: bytes (perhaps none) and whether the peer's FIN followed them. */
    record Received(byte[] data, boolean fin) {
    }

    /** Whether this endpoint can send on the stream (a bidirectional one, or a unidirectional one it opened). */
    boolean canSend();

    /** Whether this endpoint can receive on it. */
    boolean canReceive();

    /** Queues bytes; completes once they are inside the stream's send buffer. */
    CompletableFuture<Void> write(byte[] chunk);

    /**
     * Queues bytes only if they can be sent whole within the flow-control window open now: completes
     * with true once they are inside the send buffer, false if refused (nothing was queued).
     */
    CompletableFuture<Boolean> writeAtomic(byte[] chunk);

    /** Sends FIN after what was written. */
    CompletableFuture<Void> finish();

    /**
     * RESET_STREAM with a WebTransport application error code (0 to 2^32-1), after the stream's first
     * {@code committedOffset} bytes were sent (the W3C committed offset; 0: at once).
     */
    void reset(long errorCode, long committedOffset);

    /** Moves the stream in the connection's send order (higher first). */
    void sendOrder(long order);

    /** Moves the stream into send group {@code group} of its session (0: the session's own group). */
    void sendGroup(long group);

    /** The next bytes; fails if the peer reset the stream or the session ended. */
    CompletableFuture<Received> read();

    /** STOP_SENDING with a WebTransport application error code. */
    void stopSending(long errorCode);

    /** Bytes accepted by {@link #write} so far. */
    long bytesWritten();

    /** Bytes handed to the network so far. */
    long bytesSent();

    /** Bytes that arrived in order so far. */
    long bytesReceived();

    /** Bytes handed out by {@link #read} so far. */
    long bytesRead();
}
