package net.webtransport.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A provider's session, as the {@link net.webtransport.WebTransport} object drives it. The provider
 * returns it from {@link WebTransportProvider#connect} before the session is established; methods that
 * need an established session fail (or report nothing) until then. Futures complete on
 * {@link #executor()}.
 */
public interface SessionHandle {

    /**
     * The executor on which the {@link SessionListener} is called and the futures handed to the
     * application complete.
     *
     * @return the session's executor
     */
    Executor executor();

    /**
     * Closes the session cleanly (WT_CLOSE_SESSION with this code and reason). If it is not yet
     * established, the close is sent once it is.
     *
     * @param closeCode the application close code, 0 to 2<sup>32</sup>-1
     * @param reason    the close reason, at most 1024 UTF-8 bytes
     */
    void close(long closeCode, String reason);

    /** Gives up on the session at once: while it is being established, or after a failure. */
    void abort();

    /**
     * Opens a stream on the established session; the peer learns of it when its first bytes or FIN
     * arrive. Without the peer's stream credit it waits, or with {@code waitUntilAvailable} false
     * fails with {@link net.webtransport.QuotaExceededError}.
     *
     * @param bidirectional      true for a bidirectional stream, false for an outgoing unidirectional one
     * @param sendOrder          the stream's initial send order (higher is sent first)
     * @param waitUntilAvailable whether to wait for stream credit rather than fail at once
     * @return the new stream; fails with {@link net.webtransport.QuotaExceededError} as above, or with an
     *         {@link IllegalStateException} when there is no established session
     */
    CompletableFuture<StreamHandle> openStream(boolean bidirectional, long sendOrder, boolean waitUntilAvailable);

    /**
     * Sends an HTTP datagram on the established session. A payload too large for one QUIC packet is
     * dropped silently, as the W3C API drops it.
     *
     * @param payload the datagram's payload
     * @return completes once QUIC took the datagram (it may still be lost); fails with an
     *         {@link IllegalStateException} when there is no established session
     */
    CompletableFuture<Void> sendDatagram(byte[] payload);

    /**
     * The largest datagram payload that fits in one QUIC packet now.
     *
     * @return the size in bytes, or 0 before the session is established
     */
    int maxDatagramSize();

    /**
     * The connection's figures now.
     *
     * @return the figures; fails once the connection is gone, or with an {@link IllegalStateException}
     *         when there is no established session
     */
    CompletableFuture<QuicStats> stats();

    /**
     * Exports keying material bound to this session (draft-ietf-webtrans-http3 §4.8, on top of the TLS
     * exporter). The caller has already checked the arguments.
     *
     * @param label   the exporter label
     * @param context the exporter context
     * @param length  how many bytes to derive
     * @return the derived bytes; fails with an {@link IllegalStateException} when there is no
     *         established session
     */
    CompletableFuture<byte[]> exportKeyingMaterial(byte[] label, byte[] context, int length);
}
