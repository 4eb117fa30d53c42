package net.webtransport.internal.session;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.webtransport.internal.session.Command.CloseConnection;
import net.webtransport.internal.session.Command.FinishStream;
import net.webtransport.internal.session.Command.ResetStream;
import net.webtransport.internal.session.Command.SendCapsule;
import net.webtransport.internal.session.Command.SendHeaders;
import net.webtransport.internal.session.Command.StopSending;
import net.webtransport.internal.session.SessionState.Phase;
import net.webtransport.internal.stream.ReceiveBudget;
import net.webtransport.internal.stream.SendScheduler;
import net.webtransport.internal.stream.StreamLimits;
import net.webtransport.internal.stream.WtStream;
import net.webtransport.internal.wire.Capsule;
import net.webtransport.internal.wire.CloseSessionCapsule;
import net.webtransport.internal.wire.DrainSessionCapsule;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.HttpDatagram;
import net.webtransport.internal.wire.MaxDataCapsule;
import net.webtransport.internal.wire.MaxStreamsCapsule;
import net.webtransport.internal.wire.SettingIds;
import net.webtransport.internal.wire.WireException;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.HttpFields;

/**
 * The WebTransport state of one HTTP/3 connection, client or server, without any I/O
 * (draft-ietf-webtrans-http3-16).
 *
 * <p>Longer than this project's ~400-line aim on purpose: it is the session state machine, and every
 * transition of a session (requested, established, draining, going away, closed, by either side or
 * by the connection) is kept in this one file so the transitions can be read and checked together.
 * Stream records ({@link StreamTable}), the CONNECT messages ({@link ConnectMessages}) and each
 * session's flow-control arithmetic ({@link SessionFlowControl}) live apart; the flow-control glue
 * here (charging, crediting, BLOCKED reports) is the next candidate to move out.
 *
 * <p>The binding feeds it what happened on the connection (SETTINGS, request and response headers,
 * bytes on CONNECT streams, new WebTransport streams, datagrams, GOAWAY, connection loss) and after
 * every call drains {@link #pollCommand()} (I/O to perform, in order) and {@link #pollEvent()} (news
 * for the application). It reads no clock and starts no thread, so it is driven the same way by unit
 * tests and by the Netty binding. Not thread-safe: one thread at a time, in Netty the connection's
 * event loop.
 */
public final class WtConnection {

    /** What happened to a stream the peer opened. */
    public enum StreamDisposition {
        /** Handed to the application with a {@link SessionEvent.NewStream}. */
        DELIVERED,
        /** Held until its session is established; a NewStream or a refusal follows later. */
        BUFFERED,
        /** Refused: the commands to stop and reset it were queued. */
        REJECTED
    }

    private final Role role;
    private final WtConfig config;
    private final Map<Long, SessionState> sessions = new HashMap<>();
    /** Ids of closed sessions, oldest first, so late streams get WT_SESSION_GONE. Bounded. */
    private final Set<Long> closedSessions = new LinkedHashSet<>();
    /** Datagrams waiting for their session, oldest first. Bounded. */
    private final ArrayDeque<SessionEvent.Datagram> bufferedDatagrams = new ArrayDeque<>();
    /** Server: CONNECT requests that arrived before the client's SETTINGS. Bounded. */
    private final LinkedHashMap<Long, HttpFields> pendingRequests = new LinkedHashMap<>();
    /** The one record of the WebTransport streams on this connection. */
    private final StreamTable streams;
    private final ArrayDeque<Command> commands = new ArrayDeque<>();
    /** Send groups by session; forgotten when their session closes. */
    private final Map<GroupRef, Long> groupKeys = new HashMap<>();
    private long lastGroupKey;
    private final ArrayDeque<SessionEvent> events = new ArrayDeque<>();
    private PeerSupport peerSupport;
    /** What the peer's SETTINGS grant each session, and whether both sides turned flow control on (draft §5.1). */
    private FlowControlSettings peerFlowControl = FlowControlSettings.NONE;
    private boolean flowControl;
    private boolean goAwayReceived;
    /** Server: the id of the GOAWAY sent, or -1 before one is sent. */
    private long goAwaySent = -1;
    /** Server: the client-initiated bidirectional stream id after the highest one seen (the GOAWAY id). */
    private long nextClientBidiStreamId;
    private boolean connectionClosed;

    public WtConnection(Role role, WtConfig config) {
        this(role, config, StreamLimits.DEFAULT);
    }

    public WtConnection(Role role, WtConfig config, StreamLimits streamLimits) {
        this(role, config, streamLimits, new ReceiveBudget(streamLimits.receiveBudget()));
    }

    /** @param receiveBudget what this connection's streams may hold for their readers (its limit wins over the stream limits') */
    public WtConnection(Role role, WtConfig config, StreamLimits streamLimits, ReceiveBudget receiveBudget) {
        this.role = role;
        this.config = config;
        this.streams = new StreamTable(role, streamLimits, receiveBudget);
    }

    public Role role() {
        return role;
    }

    /**
     * The SETTINGS this endpoint sends: every WebTransport codepoint in use by a browser or library
     * today, so that any of them finds one it knows (draft-16 §3.1 and its predecessors).
     * With a flow-control grant configured, the WT_INITIAL_* settings carry it (draft-16 §5.5); Safari
     * needs them, and flow control is on when the peer sends a grant too.
     */
    public Map<Long, Long> localSettings() {
        Map<Long, Long> s = new LinkedHashMap<>();
        if (role == Role.SERVER) {
            s.put(SettingIds.ENABLE_CONNECT_PROTOCOL, 1L);
        }
        s.put(SettingIds.H3_DATAGRAM, 1L);
        s.put(SettingIds.WT_ENABLED, 1L);
        s.put(SettingIds.WT_ENABLE_DRAFT02, 1L);
        s.put(SettingIds.WT_MAX_SESSIONS_DRAFT07, (long) config.maxSessions());
        s.put(SettingIds.WT_MAX_SESSIONS_DRAFT13, (long) config.maxSessions());
        FlowControlSettings grant = config.flowControl();
        if (grant.enables()) {
            s.put(SettingIds.WT_INITIAL_MAX_DATA, grant.maxData());
            s.put(SettingIds.WT_INITIAL_MAX_STREAMS_BIDI, grant.maxStreamsBidi());
            s.put(SettingIds.WT_INITIAL_MAX_STREAMS_UNI, grant.maxStreamsUni());
        }
        return s;
    }

    // ---------------------------------------------------------------- outputs

    /** The next I/O action to perform, or null. */
    public Command pollCommand() {
        return commands.poll();
    }

    /** Whether a command or an event is waiting. */
    public boolean hasOutput() {
        return !commands.isEmpty() || !events.isEmpty();
    }

    /** The next event for the application, or null. */
    public SessionEvent pollEvent() {
        return events.poll();
    }

    // ---------------------------------------------------------------- negotiation

    /** The peer's SETTINGS frame arrived. */
    public void onPeerSettings(Map<Long, Long> settings) {
        if (peerSupport != null) {
            return; // Netty rejects a second SETTINGS frame itself; nothing to redo here.
        }
        peerSupport = PeerSupport.of(settings, role == Role.CLIENT ? Role.SERVER : Role.CLIENT);
        peerFlowControl = FlowControlSettings.of(settings);
        flowControl = config.flowControl().enables() && peerFlowControl.enables();
        events.add(new SessionEvent.Negotiated(peerSupport));
        if (role == Role.SERVER) {
            // draft-16 §3.1: a server must not process WebTransport requests before the client's SETTINGS.
            List<Map.Entry<Long, HttpFields>> waiting = new ArrayList<>(pendingRequests.entrySet());
            pendingRequests.clear();
            for (Map.Entry<Long, HttpFields> e : waiting) {
                admitRequest(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Client: why no new session may start on this connection now (not a client, no SETTINGS yet, no
     * WebTransport support, GOAWAY received, connection closed), or null if one may: the one place
     * that decides it.
     */
    public String whyNoNewSession() {
        if (role != Role.CLIENT) {
            return "only a client opens sessions";
        }
        if (connectionClosed) {
            return "the connection is closed";
        }
        if (peerSupport == null) {
            return "the server's SETTINGS have not arrived yet";
        }
        if (!peerSupport.supported()) {
            return peerSupport.problem();
        }
        if (goAwayReceived) {
            return "the server sent GOAWAY: no new sessions on this connection";
        }
        if (singleSessionOnly() && openSessionCount() >= 1) {
            return "without flow control a draft-16 server takes one session per connection";
        }
        return null;
    }

    // ---------------------------------------------------------------- client: opening a session

    /**
     * Client: starts a session on the freshly opened request stream {@code streamId} by queueing
     * the extended CONNECT (RFC 9220) with {@code :scheme https}.
     *
     * @param extraFields further request fields, such as {@code origin}; pseudo-headers are not allowed
     * @return the request fields that will be sent
     * @throws IllegalStateException if the server's SETTINGS have not arrived or do not allow WebTransport
     */
    public HttpFields openSession(long streamId, String authority, String path, HttpFields extraFields) {
        return openSession(streamId, authority, path, extraFields, false);
    }

    /**
     * Client: as {@link #openSession(long, String, String, HttpFields)}; with {@code protocolRequired}
     * a 2xx response that does not choose one of the protocols offered in {@code extraFields}'
     * WT-Available-Protocols ends the session with WT_ALPN_ERROR (draft §3.3) instead of
     * establishing it.
     */
    public HttpFields openSession(long streamId, String authority, String path, HttpFields extraFields,
                                  boolean protocolRequired) {
        String refusal = whyNoNewSession();
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        HttpFields fields = ConnectMessages.request(peerSupport.dialect().upgradeToken(), authority, path, extraFields);
        SessionState state = newSession(streamId, fields);
        state.protocolRequired = protocolRequired;
        sessions.put(streamId, state);
        commands.add(new SendHeaders(streamId, fields, false));
        return fields;
    }

    /** Client: the response to the CONNECT on {@code sessionId} arrived. */
    public void onResponseHeaders(long sessionId, HttpFields response) {
        SessionState s = sessions.get(sessionId);
        if (s == null || s.phase != Phase.REQUESTED) {
            return;
        }
        int status = ConnectMessages.status(response);
        if (status >= 200 && status < 300 && s.protocolRequired && ConnectMessages.negotiatedProtocol(s.request, response).isEmpty()) {
            abortSession(s, ErrorCodes.WT_ALPN_ERROR, "the server chose none of the protocols offered");
        } else if (status >= 200 && status < 300) {
            s.phase = Phase.ESTABLISHED;
            events.add(new SessionEvent.SessionEstablished(sessionId, response));
            releaseBuffered(sessionId);
            if (s.drainRequested || goAwayReceived) {
                signalDraining(s); // asked to drain (WT_DRAIN_SESSION or GOAWAY) while it was being set up
            }
        } else if (status >= 100 && status < 200) {
            // Interim response: keep waiting for the final one.
        } else {
            events.add(new SessionEvent.SessionRejected(sessionId, status, response));
            finishConnectStream(s);
            close(s, CloseInfo.abrupt(CloseInfo.UNKNOWN_CODE, "the server answered " + status, false), false);
        }
    }

    // ---------------------------------------------------------------- server: accepting a session

    /** Server: request headers arrived on the client-initiated bidirectional stream {@code streamId}. */
    public void onRequestHeaders(long streamId, HttpFields request) {
        if (role != Role.SERVER || sessions.containsKey(streamId) || connectionClosed) {
            return; // after the connection closed there is nobody to answer: no session may start
        }
        if (goAwaySent >= 0 && streamId >= goAwaySent) {
            // RFC 9114 §5.2: a request at or past the GOAWAY id is rejected unprocessed, so the client may retry it elsewhere.
            commands.add(new ResetStream(streamId, ErrorCodes.H3_REQUEST_REJECTED));
            commands.add(new StopSending(streamId, ErrorCodes.H3_REQUEST_REJECTED));
            return;
        }
        noteClientBidiStream(streamId);
        int rejection = ConnectMessages.rejection(request);
        if (rejection != 0) {
            commands.add(new SendHeaders(streamId, HttpFields.of(":status", Integer.toString(rejection)), true));
            return;
        }
        if (peerSupport == null) {
            if (pendingRequests.size() >= config.maxPendingRequests()) {
                commands.add(new ResetStream(streamId, ErrorCodes.H3_REQUEST_REJECTED));
                commands.add(new StopSending(streamId, ErrorCodes.H3_REQUEST_REJECTED));
                return;
            }
            pendingRequests.put(streamId, request);
            return;
        }
        admitRequest(streamId, request);
    }

    private void admitRequest(long streamId, HttpFields request) {
        if (!peerSupport.supported()) {
            commands.add(new SendHeaders(streamId, HttpFields.of(":status", "400"), true));
            return;
        }
        if (singleSessionOnly() && openSessionCount() >= 1) {
            // draft-16 §5.2: without flow control a second session on the connection is refused.
            commands.add(new ResetStream(streamId, ErrorCodes.H3_REQUEST_REJECTED));
            commands.add(new StopSending(streamId, ErrorCodes.H3_REQUEST_REJECTED));
            return;
        }
        if (openSessionCount() >= config.maxSessions()) {
            // draft-16 §3.3: excess sessions are refused like any rate-limited request.
            commands.add(new SendHeaders(streamId, HttpFields.of(":status", "429"), true));
            return;
        }
        sessions.put(streamId, newSession(streamId, request));
        events.add(new SessionEvent.SessionRequested(streamId, request));
    }

    /**
     * Server: answers a {@link SessionEvent.SessionRequested}. A 2xx status establishes the session;
     * anything else refuses it and finishes the stream.
     */
    public void respond(long sessionId, int status, HttpFields responseFields) {
        SessionState s = sessions.get(sessionId);
        if (s == null || s.phase != Phase.REQUESTED || role != Role.SERVER) {
            throw new IllegalStateException("session " + sessionId + " is not awaiting a response");
        }
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a final status is 200 to 599, not " + status);
        }
        HttpFields response = ConnectMessages.response(status, responseFields, s.request);
        boolean accepted = status < 300;
        commands.add(new SendHeaders(sessionId, response, !accepted));
        if (accepted) {
            s.phase = Phase.ESTABLISHED;
            events.add(new SessionEvent.SessionEstablished(sessionId, response));
            releaseBuffered(sessionId);
            if (s.drainRequested || goAwayReceived) {
                signalDraining(s); // asked to drain (WT_DRAIN_SESSION or GOAWAY) before we accepted it
            }
            if (isGoingAway()) {
                drainSession(sessionId); // accepted during a shutdown: asked to wind down like the others
            }
        } else {
            s.connectStreamDone = true;
            close(s, CloseInfo.abrupt(CloseInfo.UNKNOWN_CODE, "refused with status " + status, true), false);
        }
    }

    // ---------------------------------------------------------------- the CONNECT stream

    /** Body bytes (HTTP/3 DATA payload) arrived on the CONNECT stream: the capsule stream. */
    public void onCapsuleData(long sessionId, ByteBuffer data) {
        SessionState s = sessions.get(sessionId);
        if (s == null || !data.hasRemaining()) {
            return;
        }
        if (s.phase == Phase.CLOSED) {
            if (s.closeCapsuleReceived) {
                // draft-16 §6: data after WT_CLOSE_SESSION is an error.
                commands.add(new StopSending(sessionId, ErrorCodes.H3_MESSAGE_ERROR));
            }
            return; // After our own close the peer may still be sending what it had; ignore it.
        }
        s.capsules.feed(data);
        try {
            Capsule c;
            while (s.phase != Phase.CLOSED && (c = s.capsules.next()) != null) {
                onCapsule(s, c);
            }
            if (s.closeCapsuleReceived && s.capsules.bufferedBytes() > 0) {
                commands.add(new StopSending(sessionId, ErrorCodes.H3_MESSAGE_ERROR));
            }
        } catch (WireException e) {
            abortSession(s, e.errorCode(), "malformed capsule: " + e.getMessage());
        }
    }

    private void onCapsule(SessionState s, Capsule capsule) throws WireException {
        switch (capsule) {
            case CloseSessionCapsule close -> {
                s.closeCapsuleReceived = true;
                finishConnectStream(s);
                close(s, CloseInfo.clean(close.errorCode(), close.message(), false), true);
            }
            case DrainSessionCapsule drain -> {
                // A session is told to drain once it is established; a request before then waits for it.
                s.drainRequested = true;
                if (s.phase == Phase.ESTABLISHED) {
                    signalDraining(s);
                }
            }
            // Without flow control its capsules are ignored (draft-16 §5.1); so are unknown ones (RFC 9297 §3.2).
            // Credit that arrives before the session is established raises its limits; with nothing
            // sent or opened yet there is nobody to wake, so the event waits for an established session.
            case MaxDataCapsule max when s.flow != null -> {
                s.flow.onMaxData(max.maximumData());
                if (s.phase == Phase.ESTABLISHED) {
                    events.add(new SessionEvent.SendCredit(s.id));
                }
            }
            case MaxStreamsCapsule max when s.flow != null -> {
                s.flow.onMaxStreams(max.bidirectional(), max.maximumStreams());
                if (s.phase == Phase.ESTABLISHED) {
                    events.add(new SessionEvent.StreamCredit(s.id));
                }
            }
            default -> {
                // WT_DATA_BLOCKED and WT_STREAMS_BLOCKED only inform: credit goes back as the application reads.
            }
        }
    }

    /** The peer finished its side of the CONNECT stream. */
    public void onConnectStreamFin(long sessionId) {
        SessionState s = sessions.get(sessionId);
        if (s == null) {
            return;
        }
        if (s.phase == Phase.CLOSED) {
            return;
        }
        if (s.phase == Phase.REQUESTED) {
            if (role == Role.SERVER) {
                // The client gave up before we answered.
                close(s, CloseInfo.abrupt(CloseInfo.UNKNOWN_CODE, "the client withdrew the request", false), true);
                finishConnectStream(s);
            } else {
                events.add(new SessionEvent.SessionRejected(sessionId, 0, HttpFields.empty()));
                close(s, CloseInfo.abrupt(CloseInfo.UNKNOWN_CODE, "the server ended the stream without a response", false), true);
                finishConnectStream(s);
            }
            return;
        }
        if (!s.capsules.isIdle()) {
            abortSession(s, ErrorCodes.H3_MESSAGE_ERROR, "the CONNECT stream ended inside a capsule");
            return;
        }
        // draft-16 §6: a FIN without WT_CLOSE_SESSION is a close with code 0 and an empty message.
        finishConnectStream(s);
        close(s, CloseInfo.clean(0, "", false), true);
    }

    /** The peer reset its side of the CONNECT stream. */
    public void onConnectStreamReset(long sessionId, long http3ErrorCode) {
        SessionState s = sessions.get(sessionId);
        if (s == null || s.phase == Phase.CLOSED) {
            return;
        }
        if (s.phase == Phase.REQUESTED && role == Role.CLIENT) {
            events.add(new SessionEvent.SessionRejected(sessionId, 0, HttpFields.empty()));
        }
        if (!s.connectStreamDone) {
            s.connectStreamDone = true;
            commands.add(new ResetStream(sessionId, ErrorCodes.H3_REQUEST_CANCELLED));
        }
        close(s, CloseInfo.abrupt(http3ErrorCode, "the peer reset the CONNECT stream with "
                + ErrorCodes.name(http3ErrorCode), false), true);
    }

    /** The CONNECT stream is gone in both directions; frees its state. */
    public void onConnectStreamClosed(long sessionId) {
        SessionState s = sessions.get(sessionId);
        if (s == null) {
            pendingRequests.remove(sessionId);
            return;
        }
        if (s.phase != Phase.CLOSED) {
            s.connectStreamDone = true;
            close(s, CloseInfo.abrupt(CloseInfo.UNKNOWN_CODE, "the CONNECT stream closed", false), true);
        }
        sessions.remove(sessionId);
    }

    // ---------------------------------------------------------------- closing and draining

    /**
     * Closes a session cleanly: WT_CLOSE_SESSION with the code and the reason truncated to 1024
     * UTF-8 bytes, then FIN (draft-16 §6), and every stream of the session is reset and stopped with
     * WT_SESSION_GONE. A session not yet established is cancelled instead. Does nothing if closed.
     *
     * @param applicationErrorCode 0 to 2<sup>32</sup>-1
     */
    public void closeSession(long sessionId, long applicationErrorCode, String reason) {
        if (applicationErrorCode < 0 || applicationErrorCode > ErrorCodes.MAX_APPLICATION_ERROR) {
            throw new IllegalArgumentException("application error code out of range: " + applicationErrorCode);
        }
        SessionState s = sessions.get(sessionId);
        if (s == null || s.phase == Phase.CLOSED) {
            return;
        }
        if (s.phase == Phase.REQUESTED) {
            if (!s.connectStreamDone) {
                s.connectStreamDone = true;
                commands.add(new ResetStream(sessionId, ErrorCodes.H3_REQUEST_CANCELLED));
                commands.add(new StopSending(sessionId, ErrorCodes.H3_REQUEST_CANCELLED));
            }
            close(s, CloseInfo.abrupt(CloseInfo.UNKNOWN_CODE, "cancelled before the session was established", true), true);
            return;
        }
        CloseSessionCapsule capsule = CloseSessionCapsule.truncating(applicationErrorCode, reason);
        if (!s.connectStreamDone) {
            s.connectStreamDone = true;
            commands.add(new SendCapsule(sessionId, capsule.encode(), true));
        }
        close(s, CloseInfo.clean(applicationErrorCode, capsule.message(), true), true);
    }

    /**
     * Server: starts a graceful shutdown of the connection (RFC 9114 §5.2, draft §4.7): sends
     * GOAWAY naming the first request stream it will not process, and WT_DRAIN_SESSION on every
     * established session, so clients that watch either learn to wind down. Sessions keep working;
     * later CONNECT requests past the GOAWAY id are rejected. Does nothing the second time.
     */
    public void goAway() {
        if (role != Role.SERVER || goAwaySent >= 0 || connectionClosed) {
            return;
        }
        goAwaySent = nextClientBidiStreamId;
        commands.add(new Command.SendGoAway(goAwaySent));
        for (SessionState s : sessions.values()) {
            drainSession(s.id);
        }
    }

    /** Server: whether {@link #goAway()} was called: the connection ends once its sessions have. */
    public boolean isGoingAway() {
        return goAwaySent >= 0;
    }

    private void noteClientBidiStream(long streamId) {
        if (StreamIds.isBidirectional(streamId) && !StreamIds.isLocal(streamId, role)) {
            nextClientBidiStreamId = Math.max(nextClientBidiStreamId, streamId + 4);
        }
    }

    /** Sends WT_DRAIN_SESSION on an established session. */
    public void drainSession(long sessionId) {
        SessionState s = sessions.get(sessionId);
        if (s != null && s.phase == Phase.ESTABLISHED && !s.connectStreamDone) {
            commands.add(new SendCapsule(sessionId, new DrainSessionCapsule().encode(), false));
        }
    }

    /** The peer sent GOAWAY: every session is asked to drain, and no new session may start. */
    public void onGoAway(long id) {
        goAwayReceived = true;
        events.add(new SessionEvent.GoAway(id));
        for (SessionState s : sessions.values()) {
            if (s.phase == Phase.ESTABLISHED) {
                signalDraining(s);
            }
        }
    }

    /** The QUIC connection is gone: every session still open ends abruptly. */
    public void onConnectionClosed(long errorCode, String reason) {
        if (connectionClosed) {
            return;
        }
        connectionClosed = true;
        for (SessionState s : new ArrayList<>(sessions.values())) {
            if (s.phase != Phase.CLOSED) {
                s.connectStreamDone = true;
                s.streams.clear(); // the streams die with the connection; nothing to reset
                if (s.phase == Phase.REQUESTED && role == Role.CLIENT) {
                    events.add(new SessionEvent.SessionRejected(s.id, 0, HttpFields.empty()));
                }
                close(s, CloseInfo.abrupt(errorCode, reason, false), false);
            }
        }
        sessions.clear();
        bufferedDatagrams.clear();
        pendingRequests.clear();
        streams.clear();
    }

    /** A local condition (such as a failed write) ends the session abruptly: the CONNECT stream is reset. */
    public void abortSession(long sessionId, long http3ErrorCode, String reason) {
        SessionState s = sessions.get(sessionId);
        if (s != null && s.phase != Phase.CLOSED) {
            abortSession(s, http3ErrorCode, reason);
        }
    }

    private void abortSession(SessionState s, long http3ErrorCode, String reason) {
        if (!s.connectStreamDone) {
            s.connectStreamDone = true;
            commands.add(new ResetStream(s.id, http3ErrorCode));
        }
        commands.add(new StopSending(s.id, http3ErrorCode));
        close(s, CloseInfo.abrupt(http3ErrorCode, reason, true), true);
    }

    private void signalDraining(SessionState s) {
        // Only an established session drains: one that ended while being established (say, a stream
        // it held broke its flow-control limit) is closed, and Draining must not follow SessionClosed.
        if (!s.drainingSignalled && s.phase == Phase.ESTABLISHED) {
            s.drainingSignalled = true;
            events.add(new SessionEvent.Draining(s.id));
        }
    }

    private void finishConnectStream(SessionState s) {
        if (!s.connectStreamDone) {
            s.connectStreamDone = true;
            commands.add(new FinishStream(s.id));
        }
    }

    /**
     * Marks the session closed, tells the application, and (draft-16 §6) resets the send side and
     * stops the receive side of every stream of the session with WT_SESSION_GONE.
     */
    private void close(SessionState s, CloseInfo info, boolean resetStreams) {
        s.phase = Phase.CLOSED;
        for (long streamId : s.streams) {
            if (resetStreams) {
                abortStream(streamId, ErrorCodes.WT_SESSION_GONE);
            }
            streams.discard(streamId);
        }
        s.streams.clear();
        rejectBuffered(s.id, ErrorCodes.WT_SESSION_GONE);
        groupKeys.keySet().removeIf(g -> g.sessionId() == s.id);
        bufferedDatagrams.removeIf(d -> d.sessionId() == s.id);
        closedSessions.add(s.id);
        if (closedSessions.size() > config.rememberedClosedSessions()) {
            Iterator<Long> oldest = closedSessions.iterator();
            oldest.next();
            oldest.remove();
        }
        events.add(new SessionEvent.SessionClosed(s.id, info));
    }

    private void abortStream(long streamId, long http3ErrorCode) {
        if (StreamIds.canSend(streamId, role)) {
            commands.add(new ResetStream(streamId, http3ErrorCode));
        }
        if (StreamIds.canReceive(streamId, role)) {
            commands.add(new StopSending(streamId, http3ErrorCode));
        }
    }

    // ---------------------------------------------------------------- WebTransport streams

    /**
     * The peer opened a WebTransport stream whose header named {@code sessionId} (draft-16 §4.2,
     * §4.3). Streams for a session that is not established yet are buffered, within limits (§4.6).
     */
    public StreamDisposition onIncomingStream(long streamId, long sessionId) {
        if (role == Role.SERVER) {
            noteClientBidiStream(streamId);
        }
        if (!streams.contains(streamId)) {
            streams.register(streamId, sessionId);
        }
        SessionState s = sessions.get(sessionId);
        if (s != null && s.phase == Phase.ESTABLISHED && s.flow != null) {
            try {
                s.flow.onPeerStream(StreamIds.isBidirectional(streamId));
            } catch (WireException e) {
                refuseStream(streamId, ErrorCodes.WT_FLOW_CONTROL_ERROR);
                abortSession(s, e.errorCode(), e.getMessage());
                return StreamDisposition.REJECTED;
            }
        }
        if (s != null && s.phase == Phase.ESTABLISHED) {
            s.streams.add(streamId);
            events.add(new SessionEvent.NewStream(streamId, sessionId, StreamIds.isBidirectional(streamId)));
            return StreamDisposition.DELIVERED;
        }
        if ((s != null && s.phase == Phase.CLOSED) || (s == null && closedSessions.contains(sessionId))
                || connectionClosed || (s == null && role == Role.CLIENT)) {
            // A client opened every session itself: an id it does not know is no session to wait for.
            refuseStream(streamId, ErrorCodes.WT_SESSION_GONE);
            return StreamDisposition.REJECTED;
        }
        if (config.maxBufferedStreams() == 0) {
            refuseStream(streamId, ErrorCodes.WT_BUFFERED_STREAM_REJECTED);
            return StreamDisposition.REJECTED;
        }
        if (streams.waitingCount() >= config.maxBufferedStreams()) {
            // Keep the newest: refuse the stream that waited longest.
            refuseStream(streams.evictOldestWaiting(), ErrorCodes.WT_BUFFERED_STREAM_REJECTED);
        }
        streams.waitForSession(streamId, sessionId);
        return StreamDisposition.BUFFERED;
    }

    /**
     * Refuses a peer's stream: it is reset and stopped, and its record keeps nothing it receives
     * (bytes still in flight are released as they arrive, never charged to the receive budget)
     * until the binding reports the stream closed.
     */
    private void refuseStream(long streamId, long http3ErrorCode) {
        abortStream(streamId, http3ErrorCode);
        streams.discard(streamId);
    }

    /**
     * A stream header could not be parsed, such as a 0x41 signal naming a stream id that cannot be a
     * session (draft-16 §4.3: H3_ID_ERROR). That is a connection error.
     */
    public void onStreamHeaderError(long streamId, WireException error) {
        commands.add(new CloseConnection(error.errorCode(), "stream " + streamId + ": " + error.getMessage()));
    }

    /** This endpoint opened a WebTransport stream on an established session; returns its record. */
    public WtStream onLocalStreamOpened(long streamId, long sessionId) {
        SessionState s = sessions.get(sessionId);
        if (s == null || s.phase != Phase.ESTABLISHED) {
            throw new IllegalStateException("session " + sessionId + " is not established");
        }
        s.streams.add(streamId);
        return streams.register(streamId, sessionId);
    }

    /** The record of a stream not over yet, or null. */
    public WtStream stream(long streamId) {
        return streams.get(streamId);
    }

    /**
     * The scheduler's key for send group {@code group} of session {@code sessionId}: group 0 is the
     * session's own group (keyed by its id); other groups get keys of their own, negative so they
     * never meet a session id, unique on this connection so that pooled sessions never share a group.
     */
    public long sendGroupKey(long sessionId, long group) {
        if (group == 0) {
            return sessionId;
        }
        return groupKeys.computeIfAbsent(new GroupRef(sessionId, group), g -> -(++lastGroupKey));
    }

    private record GroupRef(long sessionId, long group) {
    }

    /** Decides which stream of this connection sends next. */
    public SendScheduler scheduler() {
        return streams.scheduler();
    }

    /** What the receive sides of this connection hold for their readers together. */
    public ReceiveBudget receiveBudget() {
        return streams.receiveBudget();
    }

    /** Server: whether the session awaits {@link #respond}. */
    public boolean isRequested(long sessionId) {
        SessionState s = sessions.get(sessionId);
        return s != null && s.phase == Phase.REQUESTED;
    }

    /** Whether streams and datagrams may be opened or sent on the session now. */
    public boolean isEstablished(long sessionId) {
        SessionState s = sessions.get(sessionId);
        return s != null && s.phase == Phase.ESTABLISHED;
    }

    /**
     * A WebTransport stream is over in both directions (FIN sent or reset, FIN read or abandoned) and
     * its channel is gone; forget it. Data a stream still holds for its reader keeps it here.
     */
    public void onStreamClosed(long streamId) {
        WtStream st = streams.get(streamId);
        if (st != null) {
            settleFlowControl(st, true);
            streams.remove(streamId);
            SessionState s = sessions.get(st.sessionId());
            if (s != null) {
                s.streams.remove(streamId);
                if (s.flow != null && !StreamIds.isLocal(streamId, role) && s.phase == Phase.ESTABLISHED) {
                    sendFlowCapsule(s, s.flow.onPeerStreamDone(StreamIds.isBidirectional(streamId)));
                }
            }
        }
    }

    // ---------------------------------------------------------------- flow control (draft-16 §5)

    /**
     * A stream received bytes, or its reader took some: the session's flow control is charged with
     * what arrived (past the limit the session ends with WT_FLOW_CONTROL_ERROR) and credits the
     * peer with what was consumed, sending WT_MAX_DATA when half the window is used.
     */
    public void onStreamProgress(long streamId) {
        WtStream st = streams.get(streamId);
        if (st != null) {
            settleFlowControl(st, false);
        }
    }

    private void settleFlowControl(WtStream st, boolean over) {
        SessionState s = sessions.get(st.sessionId());
        long received = st.newlyReceived();
        long consumed = st.newlyConsumed(over);
        if (s == null || s.flow == null || s.phase != Phase.ESTABLISHED) {
            return;
        }
        try {
            if (received > 0) {
                s.flow.onDataReceived(received);
            }
        } catch (WireException e) {
            abortSession(s, e.errorCode(), e.getMessage());
            return;
        }
        if (consumed > 0) {
            sendFlowCapsule(s, s.flow.onDataConsumed(consumed));
        }
    }

    /** Stream-body bytes the session may still send under the peer's limit (unlimited without flow control). */
    public long sendCredit(long sessionId) {
        SessionState s = sessions.get(sessionId);
        return s == null || s.flow == null ? Long.MAX_VALUE : Math.max(0, s.flow.sendCredit());
    }

    /** A stream of the session handed {@code bytes} of body to QUIC. */
    public void onStreamDataSent(long sessionId, long bytes) {
        SessionState s = sessions.get(sessionId);
        if (s != null && s.flow != null) {
            s.flow.onDataSent(bytes);
        }
    }

    /** Data of the session waits for credit: reports WT_DATA_BLOCKED once per limit. */
    public void onSendBlocked(long sessionId) {
        SessionState s = sessions.get(sessionId);
        if (s != null && s.flow != null) {
            sendFlowCapsule(s, s.flow.dataBlocked());
        }
    }

    /**
     * Whether the session may open another stream of that kind now under the peer's limit; if so
     * the stream is counted. If not, WT_STREAMS_BLOCKED is reported (once per limit) and the
     * caller waits for a {@link SessionEvent.StreamCredit}.
     */
    public boolean tryOpenStream(long sessionId, boolean bidirectional) {
        SessionState s = sessions.get(sessionId);
        if (s == null || s.flow == null) {
            return true;
        }
        if (s.flow.mayOpenStream(bidirectional)) {
            s.flow.onLocalStreamOpened(bidirectional);
            return true;
        }
        sendFlowCapsule(s, s.flow.streamsBlocked(bidirectional));
        return false;
    }

    private void sendFlowCapsule(SessionState s, Capsule capsule) {
        if (capsule != null && !s.connectStreamDone && s.phase == Phase.ESTABLISHED) {
            commands.add(new SendCapsule(s.id, capsule.encode(), false));
        }
    }

    private void releaseBuffered(long sessionId) {
        for (long streamId : streams.takeWaitingFor(sessionId)) {
            onIncomingStream(streamId, sessionId);
        }
        for (Iterator<SessionEvent.Datagram> it = bufferedDatagrams.iterator(); it.hasNext(); ) {
            SessionEvent.Datagram d = it.next();
            if (d.sessionId() == sessionId) {
                it.remove();
                events.add(d);
            }
        }
    }

    private void rejectBuffered(long sessionId, long http3ErrorCode) {
        for (long streamId : streams.takeWaitingFor(sessionId)) {
            abortStream(streamId, http3ErrorCode);
            streams.discard(streamId);
        }
    }

    // ---------------------------------------------------------------- datagrams

    /**
     * A QUIC DATAGRAM arrived: an HTTP datagram whose quarter stream id names the session (RFC 9297
     * §2.1). A malformed one is a connection error (H3_DATAGRAM_ERROR); one for a session not yet
     * established is buffered within limits; one for an unknown or closed session is dropped.
     */
    public void onDatagram(ByteBuffer datagram) {
        long sessionId;
        try {
            sessionId = HttpDatagram.readSessionId(datagram);
        } catch (WireException e) {
            commands.add(new CloseConnection(e.errorCode(), "malformed HTTP datagram: " + e.getMessage()));
            return;
        }
        SessionState s = sessions.get(sessionId);
        SessionEvent.Datagram event = new SessionEvent.Datagram(sessionId, datagram.slice());
        if (s != null && s.phase == Phase.ESTABLISHED) {
            events.add(event);
        } else if ((s == null && role == Role.SERVER && !closedSessions.contains(sessionId))
                || (s != null && s.phase == Phase.REQUESTED)) {
            if (config.maxBufferedDatagrams() == 0) {
                return;
            }
            if (bufferedDatagrams.size() >= config.maxBufferedDatagrams()) {
                bufferedDatagrams.poll();
            }
            bufferedDatagrams.add(event);
        }
    }

    private SessionState newSession(long id, HttpFields request) {
        SessionState s = new SessionState(id, request);
        if (flowControl) {
            s.flow = new SessionFlowControl(config.flowControl(), peerFlowControl);
        }
        return s;
    }

    /**
     * draft-16 §5.2: a peer of the newest dialect without flow control takes one session per
     * connection. Older dialects announced their session limit in SETTINGS instead.
     */
    private boolean singleSessionOnly() {
        return !flowControl && peerSupport != null && peerSupport.dialect() == Dialect.DRAFT_16;
    }

    /** Whether WebTransport flow control is on for this connection's sessions. */
    public boolean flowControlEnabled() {
        return flowControl;
    }

    private int openSessionCount() {
        int n = 0;
        for (SessionState s : sessions.values()) {
            if (s.phase != Phase.CLOSED) {
                n++;
            }
        }
        return n;
    }
}
