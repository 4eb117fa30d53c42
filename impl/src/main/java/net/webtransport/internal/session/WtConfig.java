package net.webtransport.internal.session;

/**
 * Limits of the session layer. Every limit is here so that nothing a peer does can grow memory
 * without bound.
 *
 * @param maxSessions            sessions announced in the legacy max-sessions settings and accepted at once per connection
 * @param maxBufferedStreams     streams held per connection while their session is not yet established
 *                               (draft-16 §4.6: excess streams are refused with WT_BUFFERED_STREAM_REJECTED)
 * @param maxBufferedDatagrams   datagrams held per connection while their session is not yet established (excess dropped)
 * @param maxPendingRequests     CONNECT requests held by a server until the client's SETTINGS arrive
 * @param rememberedClosedSessions how many ids of closed sessions are remembered, so that late streams
 *                               for them are refused with WT_SESSION_GONE rather than buffered
 * @param incomingDatagramQueue  datagrams held per established session for a handler that has not taken
 *                               them yet; past it the oldest is dropped and counted (the W3C
 *                               {@code incomingMaxBufferedDatagrams} rule)
 */
public record WtConfig(int maxSessions, int maxBufferedStreams, int maxBufferedDatagrams, int maxPendingRequests,
                       int rememberedClosedSessions, int incomingDatagramQueue) {

    public static final WtConfig DEFAULT = new WtConfig(100, 16, 32, 16, 1024,
            net.webtransport.transport.EndpointBuilder.DEFAULT_INCOMING_MAX_BUFFERED_DATAGRAMS);

    public WtConfig {
        if (maxSessions < 1 || maxBufferedStreams < 0 || maxBufferedDatagrams < 0 || maxPendingRequests < 0
                || rememberedClosedSessions < 0 || incomingDatagramQueue < 1) {
            throw new IllegalArgumentException("invalid limits");
        }
    }

    public WtConfig(int maxSessions, int maxBufferedStreams, int maxBufferedDatagrams, int maxPendingRequests,
                    int rememberedClosedSessions) {
        this(maxSessions, maxBufferedStreams, maxBufferedDatagrams, maxPendingRequests, rememberedClosedSessions,
                DEFAULT.incomingDatagramQueue);
    }

    /** These limits with another number of sessions per connection. */
    public WtConfig withMaxSessions(int sessions) {
        return new WtConfig(sessions, maxBufferedStreams, maxBufferedDatagrams, maxPendingRequests, rememberedClosedSessions,
                incomingDatagramQueue);
    }

    /** These limits with another incoming datagram queue per session. */
    public WtConfig withIncomingDatagramQueue(int datagrams) {
        return new WtConfig(maxSessions, maxBufferedStreams, maxBufferedDatagrams, maxPendingRequests, rememberedClosedSessions,
                datagrams);
    }
}
