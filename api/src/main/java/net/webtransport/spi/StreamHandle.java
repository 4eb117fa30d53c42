package net.webtransport.spi;

import java.util.concurrent.CompletableFuture;

/**
 * A provider's WebTransport stream. Its futures complete on the session's executor and fail with
 * the API's exceptions: {@link net.webtransport.WebTransportError} for what the peer or the session
 * did, {@link net.webtransport.AbortError} once the session was closed locally.
 */
public interface StreamHandle {

    /**
     * What one read gave.
     *
     * @param data the bytes read, perhaps none
     * @param fin  whether the peer's FIN followed them (no more bytes will come)
     */
    record Received(byte[] data, boolean fin) {
    }

    /**
     * Whether this endpoint can send on the stream (a bidirectional one, or a unidirectional one it opened).
     *
     * @return true if the stream has a sending side here
     */
    boolean canSend();

    /**
     * Whether this endpoint can receive on the stream (a bidirectional one, or a unidirectional one the peer opened).
     *
     * @return true if the stream has a receiving side here
     */
    boolean canReceive();

    /**
     * Queues bytes for sending.
     *
     * @param chunk the bytes to send
     * @return completes once they are inside the stream's send buffer
     */
    CompletableFuture<Void> write(byte[] chunk);

    /**
     * Queues bytes only if they can be sent whole within the flow-control window open now: completes
     * with true once they are inside the send buffer, false if refused (nothing was queued).
     *
     * @param chunk the bytes to send whole or not at all
     * @return whether they were queued
     */
    CompletableFuture<Boolean> writeAtomic(byte[] chunk);

    /**
     * Sends FIN after what was written: the sending side ends cleanly.
     *
     * @return completes once the FIN is queued behind the written bytes
     */
    CompletableFuture<Void> finish();

    /**
     * RESET_STREAM with a WebTransport application error code (0 to 2^32-1), after the stream's first
     * {@code committedOffset} bytes were sent (the W3C committed offset; 0: at once).
     *
     * @param errorCode       the WebTransport application error code
     * @param committedOffset how many of the first bytes must still reach the peer before the reset
     */
    void reset(long errorCode, long committedOffset);

    /**
     * Moves the stream in the connection's send order.
     *
     * @param order the new send order; streams with a higher order are sent first
     */
    void sendOrder(long order);

    /**
     * Moves the stream into a send group of its session.
     *
     * @param group the send group's id (0: the session's own group)
     */
    void sendGroup(long group);

    /**
     * Reads the next bytes.
     *
     * @return the next bytes and whether FIN followed them; fails if the peer reset the stream or the
     *         session ended
     */
    CompletableFuture<Received> read();

    /**
     * Asks the peer to stop sending (STOP_SENDING).
     *
     * @param errorCode the WebTransport application error code, 0 to 2<sup>32</sup>-1
     */
    void stopSending(long errorCode);

    /**
     * Bytes accepted by {@link #write} so far.
     *
     * @return the count in bytes
     */
    long bytesWritten();

    /**
     * Bytes handed to the network so far.
     *
     * @return the count in bytes
     */
    long bytesSent();

    /**
     * Bytes that arrived in order so far.
     *
     * @return the count in bytes
     */
    long bytesReceived();

    /**
     * Bytes handed out by {@link #read} so far.
     *
     * @return the count in bytes
     */
    long bytesRead();
}
