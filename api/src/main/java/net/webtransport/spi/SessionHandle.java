package net.webtransport.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A provider's session, as the {@link net.webtransport.WebTransport} object drives it. */
public interface SessionHandle {

    /** Where the listener is called and where futures for the application complete. */
    Executor executor();

    /** Closes the established session cleanly; {@code reason} is at most 1024 UTF-8 bytes. */
    void close(long closeCode, String reason);

    /** Gives up on the session at once: while it is being established, or after a failure. */
    void abort();

    /**
     * Opens a stream on the established session; the peer learns of it when its first bytes or FIN
     * arrive. Without the peer's stream credit it waits, or with {@code waitUntilAvailable} false
     * fails with {@link net.webtransport.QuotaExceededError}.
     */
    CompletableFuture<StreamHandle> openStream(boolean bidirectional, long sendOrder, boolean waitUntilAvailable);

    /** Sends an HTTP datagram on the established session; completes once QUIC took it (it may still be lost). */
    CompletableFuture<Void> sendDatagram(byte[] payload);

    /** The largest datagram payload that fits in one QUIC packet now, or 0 before the session is established. */
    int maxDatagramSize();

    /** The connection's figures now; fails once the connection is gone. */
    CompletableFuture<QuicStats> stats();

    /** The session's keying material (draft-ietf-webtrans-http3 §4.8); arguments are already checked. */
    CompletableFuture<byte[]> exportKeyingMaterial(byte[] label, byte[] context, int length);
}
