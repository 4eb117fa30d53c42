package net.webtransport.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * An established WebTransport session (draft-ietf-webtrans-http3-16), on the client or the server.
 *
 * <p>All futures complete, and all {@link SessionHandler} callbacks run, on the executor of the
 * client or server that owns the session, one at a time per session and in the order the events
 * happened. Methods may be called from any thread.
 */
public interface Session {

    /** The session id: the stream id of the extended CONNECT request. */
    long id();

    /** The request path (with query), such as {@code /echo?x=1}. */
    String path();

    /** The extended CONNECT request's header fields, pseudo-headers included. */
    HttpFields requestHeaders();

    /** The response's header fields, {@code :status} included. */
    HttpFields responseHeaders();

    /**
     * The application protocol the server chose (its {@code WT-Protocol}) among those the client
     * offered (its {@code WT-Available-Protocols}), or the empty string if none was offered, none
     * was chosen, or the choice was not one of the offers (draft-ietf-webtrans-http3 §3.3).
     */
    String protocol();

    /** Opens a bidirectional stream. The peer learns of it when the first bytes (or FIN) arrive. */
    CompletableFuture<BidirectionalStream> openBidirectionalStream();

    /** Opens a unidirectional stream. The peer learns of it when the first bytes (or FIN) arrive. */
    CompletableFuture<SendStream> openUnidirectionalStream();

    /**
     * Opens a stream; with {@code waitUntilAvailable} false it fails with
     * {@link StreamLimitException} instead of waiting when the peer allows no more streams of that
     * kind now (the W3C {@code waitUntilAvailable} option). The no-argument forms wait.
     */
    CompletableFuture<BidirectionalStream> openBidirectionalStream(boolean waitUntilAvailable);

    /** As {@link #openBidirectionalStream(boolean)}, for a unidirectional stream. */
    CompletableFuture<SendStream> openUnidirectionalStream(boolean waitUntilAvailable);

    /**
     * Sends an HTTP datagram (RFC 9297) on this session. Datagrams are unreliable: the future
     * completes when the datagram was handed to QUIC, which may still drop it.
     *
     * @throws IllegalArgumentException if the payload is larger than {@link #maxDatagramSize()}
     */
    CompletableFuture<Void> sendDatagram(ByteBuffer payload);

    /**
     * Incoming datagrams dropped because the handler had not taken them and the session's queue was
     * full (the oldest go first; the queue length is a client and server builder option).
     */
    long droppedIncomingDatagrams();

    /** The largest datagram payload that fits in one QUIC packet now, or 0 if datagrams are unavailable. */
    int maxDatagramSize();

    /**
     * Closes the session cleanly: sends WT_CLOSE_SESSION with the code and the reason (truncated
     * on a character boundary to 1024 UTF-8 bytes), finishes the CONNECT stream and resets every
     * stream of the session with WT_SESSION_GONE. Completes when the close was sent.
     *
     * @param errorCode application error code, 0 to 2<sup>32</sup>-1
     */
    CompletableFuture<Void> close(long errorCode, String reason);

    /** Same as {@code close(0, "")}. */
    default CompletableFuture<Void> close() {
        return close(0, "");
    }

    /** Sends WT_DRAIN_SESSION: asks the peer to wind the session down. */
    void drain();

    /**
     * Server: starts a graceful shutdown of this session's connection. Sends HTTP/3 GOAWAY (the
     * client opens no new session on the connection) and WT_DRAIN_SESSION on each of its sessions;
     * they keep working until they are closed, and the connection closes with H3_NO_ERROR once the
     * last one has.
     *
     * @throws IllegalStateException on a client session
     */
    void goAway();

    /**
     * Closes the whole QUIC connection at once with an application CONNECTION_CLOSE carrying
     * {@code http3ErrorCode} (H3_NO_ERROR is 0x100). Every session on it ends abruptly.
     */
    void closeConnection(int http3ErrorCode, String reason);

    /**
     * Derives {@code length} bytes of keying material bound to this session and to the TLS
     * connection under it (draft-ietf-webtrans-http3 §4.8: the TLS exporter with the label
     * {@code EXPORTER-WebTransport} and a context naming this session, {@code label} and
     * {@code context}). Both ends of a session derive the same bytes from the same arguments.
     * Fails with {@link SessionClosedException} once the session is closed, and with a
     * {@link WebTransportException} if the endpoint was built without keying-material export.
     *
     * @throws IllegalArgumentException if {@code label} or {@code context} is longer than 255
     *         bytes or {@code length} is not 1 to 8160
     */
    CompletableFuture<byte[]> exportKeyingMaterial(byte[] label, byte[] context, int length);

    /** The QUIC connection's counters and path estimates now; fails once the connection is gone. */
    CompletableFuture<ConnectionStats> connectionStats();

    /**
     * Completes with the {@link CloseInfo} once the session ended, whichever side ended it. It does
     * not wait for the session's handler callbacks (one of them may be blocked on it): what is chained
     * on it may run before {@link SessionHandler#onClosed}.
     */
    CompletableFuture<CloseInfo> closed();

    /**
     * Completes when the peer asked to drain the session (WT_DRAIN_SESSION or GOAWAY); like
     * {@link #closed()}, without waiting for {@link SessionHandler#onDraining}.
     */
    CompletableFuture<Void> draining();

    boolean isOpen();
}
