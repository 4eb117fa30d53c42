package net.webtransport.transport;

import java.util.concurrent.CompletableFuture;

/**
 * The receiving half of a WebTransport stream.
 *
 * <p>Data is pulled with {@link #read()}; the stream buffers a bounded amount and stops reading from
 * the network (so QUIC flow control pushes back on the peer) while nobody reads. Only one read may
 * be outstanding at a time. A read fails with {@link StreamResetException} when the peer reset the
 * stream and with {@link SessionClosedException} when the session ended.
 */
public interface ReceiveStream {

    /** The QUIC stream id. */
    long id();

    /**
     * The next chunk of data. After the chunk with {@code fin} set, further reads return
     * {@link ReadResult#end()}.
     *
     * @throws IllegalStateException if a previous read has not completed yet
     */
    CompletableFuture<ReadResult> read();

    /**
     * Tells the peer to stop sending with STOP_SENDING carrying {@code errorCode} (mapped into the
     * HTTP/3 range). Buffered data is dropped and a pending read fails with
     * {@link java.util.concurrent.CancellationException}.
     *
     * @param errorCode WebTransport application error code, 0 to 2<sup>32</sup>-1
     */
    void stopSending(long errorCode);

    /** As {@link #stopSending}, but sends {@code http3ErrorCode} (0 to 2<sup>62</sup>-1) unmapped. */
    void stopSendingWithHttp3Code(long http3ErrorCode);

    /** Bytes handed out by {@link #read()} so far. */
    long bytesRead();

    /** Bytes that arrived in order so far (at least {@link #bytesRead()}). */
    long bytesReceived();
}
