package net.webtransport.internal.session;

import net.webtransport.internal.wire.Capsule;
import net.webtransport.internal.wire.DataBlockedCapsule;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.MaxDataCapsule;
import net.webtransport.internal.wire.MaxStreamsCapsule;
import net.webtransport.internal.wire.StreamsBlockedCapsule;
import net.webtransport.internal.wire.WireException;

/**
 * One session's WebTransport flow control (draft-ietf-webtrans-http3 §5), both directions: how many
 * streams and how many stream-body bytes the peer may send us (enforced, and returned as the
 * application consumes them), and how many we may send it (obeyed, with BLOCKED reports).
 * Stream counts are cumulative and per direction type; data is the sum over all streams of the
 * session, stream headers and capsules excluded. Pure state: the caller sends the capsules returned.
 */
final class SessionFlowControl {
    private static final int BIDI = 0;
    private static final int UNI = 1;

    // ---- what the peer may send us
    private final long dataWindow;
    private long maxDataAllowed;
    private long dataReceived;
    private long dataConsumed;
    private final long[] streamWindow = new long[2];
    private final long[] maxStreamsAllowed = new long[2];
    private final long[] peerStreamsOpened = new long[2];
    private final long[] peerStreamsDone = new long[2];

    // ---- what we may send the peer
    private long peerMaxData;
    private long dataSent;
    private long dataBlockedAt = -1;
    private final long[] peerMaxStreams = new long[2];
    private final long[] localStreamsOpened = new long[2];
    private final long[] streamsBlockedAt = {-1, -1};

    /**
     * @param local what this endpoint's SETTINGS granted the peer
     * @param peer  what the peer's SETTINGS granted this endpoint
     */
    SessionFlowControl(FlowControlSettings local, FlowControlSettings peer) {
        dataWindow = local.maxData();
        maxDataAllowed = local.maxData();
        streamWindow[BIDI] = local.maxStreamsBidi();
        streamWindow[UNI] = local.maxStreamsUni();
        maxStreamsAllowed[BIDI] = local.maxStreamsBidi();
        maxStreamsAllowed[UNI] = local.maxStreamsUni();
        peerMaxData = peer.maxData();
        peerMaxStreams[BIDI] = peer.maxStreamsBidi();
        peerMaxStreams[UNI] = peer.maxStreamsUni();
    }

    private static int kind(boolean bidirectional) {
        return bidirectional ? BIDI : UNI;
    }

    // ------------------------------------------------------------------ receiving

    /** The peer opened a stream of the session. */
    void onPeerStream(boolean bidirectional) throws WireException {
        int k = kind(bidirectional);
        if (++peerStreamsOpened[k] > maxStreamsAllowed[k]) {
            throw violation("the peer opened " + peerStreamsOpened[k] + " " + (bidirectional ? "bidirectional" : "unidirectional")
                    + " streams; " + maxStreamsAllowed[k] + " were allowed");
        }
    }

    /** Stream-body bytes arrived on a stream of the session. */
    void onDataReceived(long bytes) throws WireException {
        dataReceived += bytes;
        if (dataReceived > maxDataAllowed) {
            throw violation("the peer sent " + dataReceived + " bytes; " + maxDataAllowed + " were allowed");
        }
    }

    /**
     * The application consumed (read, or gave up on) {@code bytes}: once half the window is used
     * the limit moves to what was consumed plus the window, and the WT_MAX_DATA to send comes back.
     */
    Capsule onDataConsumed(long bytes) {
        dataConsumed += bytes;
        if (maxDataAllowed - dataConsumed <= dataWindow / 2 && dataConsumed + dataWindow > maxDataAllowed) {
            maxDataAllowed = dataConsumed + dataWindow;
            return new MaxDataCapsule(maxDataAllowed);
        }
        return null;
    }

    /** A stream the peer opened is over: once half the window is used the peer gets more, as a WT_MAX_STREAMS. */
    Capsule onPeerStreamDone(boolean bidirectional) {
        int k = kind(bidirectional);
        peerStreamsDone[k]++;
        long window = streamWindow[k];
        if (maxStreamsAllowed[k] - peerStreamsDone[k] <= window / 2 && peerStreamsDone[k] + window > maxStreamsAllowed[k]) {
            maxStreamsAllowed[k] = Math.min(MaxStreamsCapsule.MAX_STREAMS, peerStreamsDone[k] + window);
            return new MaxStreamsCapsule(bidirectional, maxStreamsAllowed[k]);
        }
        return null;
    }

    // ------------------------------------------------------------------ sending

    /** Whether the peer's limit lets this endpoint open another stream of that kind now. */
    boolean mayOpenStream(boolean bidirectional) {
        int k = kind(bidirectional);
        return localStreamsOpened[k] < peerMaxStreams[k];
    }

    void onLocalStreamOpened(boolean bidirectional) {
        localStreamsOpened[kind(bidirectional)]++;
    }

    /** The WT_STREAMS_BLOCKED to send for an open that has to wait, once per limit; else null. */
    Capsule streamsBlocked(boolean bidirectional) {
        int k = kind(bidirectional);
        if (streamsBlockedAt[k] == peerMaxStreams[k]) {
            return null;
        }
        streamsBlockedAt[k] = peerMaxStreams[k];
        return new StreamsBlockedCapsule(bidirectional, peerMaxStreams[k]);
    }

    /** Stream-body bytes the peer's limit still lets this endpoint send. */
    long sendCredit() {
        return peerMaxData - dataSent;
    }

    void onDataSent(long bytes) {
        dataSent += bytes;
    }

    /** The WT_DATA_BLOCKED to send when data waits for credit, once per limit; else null. */
    Capsule dataBlocked() {
        if (dataBlockedAt == peerMaxData) {
            return null;
        }
        dataBlockedAt = peerMaxData;
        return new DataBlockedCapsule(peerMaxData);
    }

    /** WT_MAX_DATA arrived: it must raise the limit (draft §5.6.4). */
    void onMaxData(long maximum) throws WireException {
        if (maximum <= peerMaxData) {
            throw violation("WT_MAX_DATA " + maximum + " does not raise the limit of " + peerMaxData);
        }
        peerMaxData = maximum;
    }

    /** WT_MAX_STREAMS arrived: it must raise the limit (draft §5.6.2). */
    void onMaxStreams(boolean bidirectional, long maximum) throws WireException {
        int k = kind(bidirectional);
        if (maximum <= peerMaxStreams[k]) {
            throw violation("WT_MAX_STREAMS " + maximum + " does not raise the limit of " + peerMaxStreams[k]);
        }
        peerMaxStreams[k] = maximum;
    }

    private static WireException violation(String what) {
        return new WireException(ErrorCodes.WT_FLOW_CONTROL_ERROR, what);
    }
}
