package net.webtransport;

import java.util.concurrent.CompletableFuture;
import net.webtransport.streams.WritableStreamDefaultWriter;

/**
 * <a href="https://w3c.github.io/webtransport/#web-transport-writer-interface">WebTransportWriter</a>:
 * the writer {@link WebTransportSendStream#getWriter()} gives, a default writer with two more
 * methods.
 *
 * <p>{@link #atomicWrite} refuses a chunk that cannot go whole within the flow-control window open
 * when its turn comes. The window is what QUIC (quiche) reports as room for the stream, which
 * includes the room left in the congestion window, and the session's WebTransport credit: a chunk
 * larger than the free congestion window is refused too, so atomic writes suit small messages.
 *
 * <p>{@link #commit} records how many bytes must reach the peer even if the stream is then aborted
 * (the spec asks for RESET_STREAM_AT). quiche cannot send RESET_STREAM_AT, so an abort after a
 * commit first hands QUIC every committed byte and then sends a plain RESET_STREAM: the peer gets
 * them unless packets among them are lost (RESET_STREAM ends retransmission) or its stack drops
 * unread data when the reset arrives.
 */
public final class WebTransportWriter extends WritableStreamDefaultWriter<byte[]> {
    private final WebTransportSendStream stream;

    WebTransportWriter(WebTransportSendStream stream) {
        super(stream);
        this.stream = stream;
    }

    /**
     * W3C {@code atomicWrite(chunk)}: writes {@code chunk} only if it can be sent whole within the
     * flow-control window when its turn comes. A refused write fails with an {@link AbortError}, as
     * does every atomic write queued behind it; the stream stays writable unless a plain
     * {@link #write} was queued among them, which errors the stream with the AbortError.
     *
     * @param chunk the bytes to send whole or not at all
     * @return completes once the chunk is inside the send buffer; fails with an {@link AbortError} if
     *         refused, with a {@link TypeError} if this writer released its lock or the stream is closing
     *         or closed, or with the stream's error if it errored
     */
    public CompletableFuture<Void> atomicWrite(byte[] chunk) {
        return writeAtomic(chunk);
    }

    /**
     * W3C {@code commit()}: the bytes written so far (writes that completed) are to be delivered
     * even if the stream is aborted later; see the class comment for what this stack can promise.
     *
     * @throws TypeError if this writer released its lock
     */
    public void commit() {
        if (released()) {
            throw new TypeError("the writer released its lock");
        }
        stream.commit();
    }
}
