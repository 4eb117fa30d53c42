package net.webtransport.spi;

import java.util.List;
import java.util.Map;

/**
 * What a provider reports about a session. Calls come on {@link SessionHandle#executor()}, one at a
 * time, in the order things happened; at most one of {@link #failed} and {@link #closedByPeer}
 * comes, and nothing after it.
 */
public interface SessionListener {

    /** The server accepted the session. */
    void established(String protocol, List<Map.Entry<String, String>> responseHeaders);

    /** The session could not be established, or ended abruptly (connection lost, CONNECT stream reset). */
    void failed(String reason);

    /** The server closed the session cleanly, with this code and reason. */
    void closedByPeer(long closeCode, String reason);

    /** A datagram arrived. */
    void datagram(byte[] payload);

    /** The peer opened a stream. */
    void incomingStream(StreamHandle stream);

    /** The server asked to wind the session down (WT_DRAIN_SESSION or GOAWAY). */
    void draining();
}
