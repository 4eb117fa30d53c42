package net.webtransport.spi;

import java.util.List;
import java.util.Map;

/**
 * What a provider reports about a session. Calls come on {@link SessionHandle#executor()}, one at a
 * time, in the order things happened; at most one of {@link #failed} and {@link #closedByPeer}
 * comes, and nothing after it.
 */
public interface SessionListener {

    /**
     * The server accepted the session.
     *
     * @param protocol        the application protocol the server chose ({@code WT-Protocol}), or an
     *                        empty string if none
     * @param responseHeaders the headers of the server's 2xx response
     */
    void established(String protocol, List<Map.Entry<String, String>> responseHeaders);

    /**
     * The session could not be established, or ended abruptly (connection lost, CONNECT stream reset).
     *
     * @param reason a human-readable description of what went wrong
     */
    void failed(String reason);

    /**
     * The server closed the session cleanly.
     *
     * @param closeCode the application close code the server sent
     * @param reason    the close reason the server sent
     */
    void closedByPeer(long closeCode, String reason);

    /**
     * A datagram arrived.
     *
     * @param payload the datagram's payload
     */
    void datagram(byte[] payload);

    /**
     * The peer opened a stream.
     *
     * @param stream the new stream; {@link StreamHandle#canSend()} tells whether it is bidirectional
     */
    void incomingStream(StreamHandle stream);

    /** The server asked to wind the session down (WT_DRAIN_SESSION or GOAWAY). */
    void draining();
}
