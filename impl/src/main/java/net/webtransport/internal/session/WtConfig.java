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
 * @param flowControl            the initial per-session flow-control limits this endpoint grants its peer
 *                               ({@link FlowControlSettings#NONE} leaves flow control off)
 */
public record WtConfig(int maxSessions, int maxBufferedStreams, int maxBufferedDatagrams, int maxPendingRequests,
                       int rememberedClosedSessions, int incomingDatagramQueue, FlowControlSettings flowControl) {

    /** The default per-session flow-control grant: 16 MiB of stream data, 100 streams of each kind. */
    public static final FlowControlSettings DEFAULT_FLOW_CONTROL = new FlowControlSettings(
            net.webtransport.transport.EndpointBuilder.DEFAULT_SESSION_RECEIVE_WINDOW,
            net.webtransport.transport.EndpointBuilder.DEFAULT_SESSION_STREAMS,
            net.webtransport.transport.EndpointBuilder.DEFAULT_SESSION_STREAMS);

    public static final WtConfig DEFAULT = new WtConfig(100, 16, 32, 16, 1024,
            net.webtransport.transport.EndpointBuilder.DEFAULT_INCOMING_MAX_BUFFERED_DATAGRAMS, DEFAULT_FLOW_CONTROL);

    public WtConfig {
        if (maxSessions < 1 || maxBufferedStreams < 0 || maxBufferedDatagrams < 0 || maxPendingRequests < 0
                || rememberedClosedSessions < 0 || incomingDatagramQueue < 1 || flowControl == null) {
            throw new IllegalArgumentException("invalid limits");
        }
    }

    public WtConfig(int maxSessions, int maxBufferedStreams, int maxBufferedDatagrams, int maxPendingRequests,
                    int rememberedClosedSessions) {
        this(maxSessions, maxBufferedStreams, maxBufferedDatagrams, maxPendingRequests, rememberedClosedSessions,
                DEFAULT.incomingDatagramQueue, DEFAULT.flowControl);
    }

    /** These limits with another number of sessions per connection. */
    public WtConfig withMaxSessions(int sessions) {
        return new WtConfig(sessions, maxBufferedStreams, maxBufferedDatagrams, maxPendingRequests, rememberedClosedSessions,
                incomingDatagramQueue, flowControl);
    }

    /** These limits with another incoming datagram queue per session. */
    public WtConfig withIncomingDatagramQueue(int datagrams) {
        return new WtConfig(maxSessions, maxBufferedStreams, maxBufferedDatagrams, maxPendingRequests, rememberedClosedSessions,
                datagrams, flowControl);
    }

    /** These limits with another per-session flow-control grant. */
    public WtConfig withFlowControl(FlowControlSettings grant) {
        return new WtConfig(maxSessions, maxBufferedStreams, maxBufferedDatagrams, maxPendingRequests, rememberedClosedSessions,
                incomingDatagramQueue, grant);
    }
}
