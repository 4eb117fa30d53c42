package net.webtransport.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.webtransport.internal.session.StreamsTest.ByteChunk;
import net.webtransport.internal.session.WtConnection.StreamDisposition;
import net.webtransport.internal.stream.ReceiveSide;
import net.webtransport.internal.stream.StreamLimits;
import net.webtransport.internal.stream.WtStream;
import net.webtransport.internal.wire.CloseSessionCapsule;
import net.webtransport.internal.wire.DataBlockedCapsule;
import net.webtransport.internal.wire.DrainSessionCapsule;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.HttpDatagram;
import net.webtransport.internal.wire.MaxDataCapsule;
import net.webtransport.internal.wire.MaxStreamsCapsule;
import net.webtransport.internal.wire.SettingIds;
import net.webtransport.internal.wire.StreamsBlockedCapsule;
import net.webtransport.internal.wire.Subprotocols;
import net.webtransport.internal.wire.UnknownCapsule;
import net.webtransport.internal.wire.VarInt;
import net.webtransport.transport.HttpFields;

/**
 * Fuzzes the whole sans-IO session layer: one {@link WtConnection}, client or server, driven by an
 * arbitrary sequence of what a hostile peer and the application can do (SETTINGS, CONNECT requests
 * and responses, capsule bytes in arbitrary chunks, streams opened, fed, finished, reset and
 * closed, datagrams, GOAWAY, closes and drains, reads, connection loss). The harness plays a
 * well-behaved binding: it honours pauses and never reuses a stream id.
 *
 * <p>Checked after every input: no exception escapes; every reset, stop and connection close
 * carries a code of the draft (or the application's own); a session's events follow its life
 * (nothing before it is established, nothing after it closed, no new session once the connection
 * is closed); sessions, streams waiting for their session and bytes held for readers stay under
 * the configured limits; and a refused stream holds nothing.
 */
class WtConnectionFuzzTest {

    private static final long CHUNK_MAX = 600;
    /** WebTransport streams get ids from 4 * this on, far above any CONNECT stream a run opens. */
    private static final long FIRST_STREAM_INDEX = 1000;

    /** Codes the session layer may put on a reset or STOP_SENDING by itself. */
    private static final Set<Long> STREAM_CODES = Set.of(ErrorCodes.H3_REQUEST_REJECTED, ErrorCodes.H3_REQUEST_CANCELLED,
            ErrorCodes.H3_MESSAGE_ERROR, ErrorCodes.WT_SESSION_GONE, ErrorCodes.WT_BUFFERED_STREAM_REJECTED,
            ErrorCodes.WT_FLOW_CONTROL_ERROR, ErrorCodes.WT_ALPN_ERROR);
    /** Codes of connection errors the session layer may raise. */
    private static final Set<Long> CONNECTION_CODES = Set.of(ErrorCodes.H3_ID_ERROR, ErrorCodes.H3_DATAGRAM_ERROR);

    private static final long[] SETTING_IDS = {SettingIds.ENABLE_CONNECT_PROTOCOL, SettingIds.H3_DATAGRAM,
        SettingIds.H3_DATAGRAM_DRAFT04, SettingIds.WT_ENABLED, SettingIds.WT_ENABLE_DRAFT02,
        SettingIds.WT_MAX_SESSIONS_DRAFT07, SettingIds.WT_MAX_SESSIONS_DRAFT13, SettingIds.WT_INITIAL_MAX_DATA,
        SettingIds.WT_INITIAL_MAX_STREAMS_BIDI, SettingIds.WT_INITIAL_MAX_STREAMS_UNI, 0x21};

    @FuzzTest
    void sessionLayer(FuzzedDataProvider data) {
        new Run(data).run();
    }

    /** Where a session is, as its events told the application. */
    private enum Life { REQUESTED, ESTABLISHED, CLOSED }

    private static final class Run {
        final FuzzedDataProvider data;
        final Role role;
        final Role peerRole;
        final WtConfig config;
        final StreamLimits limits;
        final WtConnection conn;
        /** Sessions by id, as the events describe them. */
        final Map<Long, Life> life = new HashMap<>();
        /** Streams the peer opened, with what the session layer did with them. */
        final Map<Long, StreamDisposition> peerStreams = new LinkedHashMap<>();
        /** Streams the session layer stopped (STOP_SENDING): they must hold nothing from then on. */
        final Set<Long> stopped = new HashSet<>();
        /** Streams paused by their receive side: the binding reads nothing more until they resume. */
        final Set<Long> paused = new HashSet<>();
        final Set<Long> localStreams = new HashSet<>();
        final Set<Long> appAbortCodes = new HashSet<>();
        final Set<Long> connectStreamsGone = new HashSet<>();
        long nextConnectId;
        long nextPeerStream;
        long nextLocalStream;
        boolean connectionClosed;
        int delivered;

        Run(FuzzedDataProvider data) {
            this.data = data;
            role = data.consumeBoolean() ? Role.SERVER : Role.CLIENT;
            peerRole = role == Role.SERVER ? Role.CLIENT : Role.SERVER;
            FlowControlSettings grant = data.consumeBoolean() ? FlowControlSettings.NONE
                    : new FlowControlSettings(data.consumeLong(0, 4000), data.consumeLong(0, 4), data.consumeLong(0, 4));
            config = new WtConfig(data.consumeInt(1, 4), data.consumeInt(0, 4), data.consumeInt(0, 4), data.consumeInt(0, 3),
                    data.consumeInt(0, 4), data.consumeInt(1, 4), grant);
            limits = new StreamLimits(data.consumeLong(1, 4096), data.consumeLong(1, 4096), data.consumeLong(1, 8192));
            conn = new WtConnection(role, config, limits);
        }

        void run() {
            int steps = 0;
            while (data.remainingBytes() > 0 && steps++ < 200) {
                step(data.consumeInt(0, 24));
                check();
            }
        }

        // ------------------------------------------------------------------ inputs

        void step(int op) {
            switch (op) {
                case 0 -> conn.onPeerSettings(settings());
                case 1 -> headers();
                case 2 -> openSession();
                case 3 -> respond();
                case 4, 5 -> conn.onCapsuleData(sessionId(), capsuleBytes());
                case 6 -> conn.onConnectStreamFin(sessionId());
                case 7 -> conn.onConnectStreamReset(sessionId(), errorCode());
                case 8 -> {
                    long id = sessionId();
                    connectStreamsGone.add(id);
                    conn.onConnectStreamClosed(id);
                }
                case 9, 10 -> incomingStream();
                case 11, 12 -> streamData();
                case 13 -> streamEnd();
                case 14 -> read();
                case 15 -> {
                    long id = anyStream();
                    conn.onStreamClosed(id);
                    paused.remove(id);
                }
                case 16 -> conn.onDatagram(datagram());
                case 17 -> {
                    long id = sessionId();
                    if (data.consumeBoolean()) {
                        conn.closeSession(id, data.consumeLong(0, ErrorCodes.MAX_APPLICATION_ERROR), data.consumeString(40));
                    } else {
                        conn.drainSession(id);
                    }
                }
                case 18 -> {
                    long code = errorCode();
                    appAbortCodes.add(code);
                    conn.abortSession(sessionId(), code, "local failure");
                }
                case 19 -> conn.goAway();
                case 20 -> conn.onGoAway(data.consumeLong(0, 64));
                case 21 -> openStream();
                case 22 -> sendData();
                case 23 -> {
                    connectionClosed = true;
                    paused.clear();
                    conn.onConnectionClosed(errorCode(), "gone");
                }
                default -> conn.onStreamHeaderError(anyStream(),
                        new net.webtransport.internal.wire.WireException(ErrorCodes.H3_ID_ERROR, "bad header"));
            }
        }

        Map<Long, Long> settings() {
            if (data.consumeBoolean()) {
                // What a real peer sends, with a grant of its own.
                WtConfig peer = WtConfig.DEFAULT.withFlowControl(data.consumeBoolean() ? FlowControlSettings.NONE
                        : new FlowControlSettings(data.consumeLong(0, 4000), data.consumeLong(0, 4), data.consumeLong(0, 4)));
                Map<Long, Long> s = new LinkedHashMap<>(new WtConnection(peerRole, peer).localSettings());
                if (data.consumeBoolean()) {
                    s.remove(SETTING_IDS[data.consumeInt(0, SETTING_IDS.length - 1)]);
                }
                return s;
            }
            Map<Long, Long> s = new LinkedHashMap<>();
            int n = data.consumeInt(0, 8);
            for (int i = 0; i < n; i++) {
                long id = data.consumeBoolean() ? SETTING_IDS[data.consumeInt(0, SETTING_IDS.length - 1)]
                        : data.consumeLong(0, VarInt.MAX_VALUE);
                long value = data.consumeBoolean() ? data.consumeLong(0, 3) : data.consumeLong(0, VarInt.MAX_VALUE);
                s.put(id, value);
            }
            return s;
        }

        /** A session id: usually one in use, sometimes any client-initiated bidirectional id. */
        long sessionId() {
            if (data.consumeBoolean() && nextConnectId > 0) {
                return 4 * data.consumeLong(0, nextConnectId / 4 - 1);
            }
            return 4 * data.consumeLong(0, 6);
        }

        long errorCode() {
            return switch (data.consumeInt(0, 3)) {
                case 0 -> ErrorCodes.toHttp3(data.consumeLong(0, ErrorCodes.MAX_APPLICATION_ERROR));
                case 1 -> ErrorCodes.H3_NO_ERROR + data.consumeLong(0, 16);
                default -> data.consumeLong(0, VarInt.MAX_VALUE);
            };
        }

        /** Request headers (server) or response headers (client). */
        void headers() {
            if (role == Role.SERVER) {
                long id;
                if (data.consumeBoolean() || nextConnectId == 0) {
                    id = nextConnectId;
                    nextConnectId += 4;
                } else {
                    id = nextConnectId - 4; // again on the newest request stream
                }
                if (connectStreamsGone.contains(id)) {
                    return; // a QUIC stream id is never reused
                }
                conn.onRequestHeaders(id, request());
            } else {
                HttpFields.Builder b = HttpFields.builder();
                if (data.consumeBoolean()) {
                    b.add(":status", Integer.toString(data.pickValue(new int[] {200, 204, 299, 100, 103, 301, 404, 429, 500})));
                } else if (data.consumeBoolean()) {
                    b.add(":status", data.consumeString(4));
                }
                if (data.consumeBoolean()) {
                    b.add(Subprotocols.PROTOCOL, data.consumeAsciiString(20));
                }
                conn.onResponseHeaders(sessionId(), b.build());
            }
        }

        HttpFields request() {
            HttpFields.Builder b = HttpFields.builder();
            boolean valid = data.consumeBoolean();
            b.add(":method", valid || data.consumeBoolean() ? "CONNECT" : data.consumeString(8));
            b.add(":protocol", data.pickValue(new String[] {"webtransport-h3", "webtransport", "websocket", ""}));
            if (valid || data.consumeBoolean()) {
                b.add(":scheme", "https");
            }
            if (valid || data.consumeBoolean()) {
                b.add(":authority", "example.org");
            }
            if (valid || data.consumeBoolean()) {
                b.add(":path", valid ? "/wt" : data.consumeString(4));
            }
            if (data.consumeBoolean()) {
                b.add(Subprotocols.AVAILABLE_PROTOCOLS, data.consumeAsciiString(30));
            }
            if (data.consumeBoolean()) {
                b.add(ConnectMessages.DRAFT02_REQUEST, "1");
            }
            return b.build();
        }

        void openSession() {
            if (role != Role.CLIENT) {
                return;
            }
            String refusal = conn.whyNoNewSession();
            long id = nextConnectId;
            HttpFields extra = data.consumeBoolean() ? HttpFields.empty()
                    : HttpFields.of(Subprotocols.AVAILABLE_PROTOCOLS, Subprotocols.offerField(List.of("a", "b")));
            try {
                conn.openSession(id, "example.org:443", "/wt", extra, data.consumeBoolean());
                assertEquals(null, refusal, "a session opened although refused");
                nextConnectId += 4;
                life.put(id, Life.REQUESTED);
            } catch (IllegalStateException e) {
                assertNotNull(refusal, "openSession refused without a reason from whyNoNewSession: " + e);
            }
        }

        void respond() {
            if (role != Role.SERVER) {
                return;
            }
            long id = sessionId();
            if (!conn.isRequested(id)) {
                return;
            }
            int status = data.pickValue(new int[] {200, 200, 204, 400, 404, 429, 503});
            HttpFields fields = data.consumeBoolean() ? HttpFields.empty()
                    : HttpFields.of(Subprotocols.PROTOCOL, Subprotocols.choiceField("a"));
            conn.respond(id, status, fields);
        }

        ByteBuffer capsuleBytes() {
            if (data.consumeBoolean()) {
                return ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 64)));
            }
            ByteBuffer whole = switch (data.consumeInt(0, 7)) {
                case 0 -> new CloseSessionCapsule(data.consumeLong(0, ErrorCodes.MAX_APPLICATION_ERROR), data.consumeString(20)).encode();
                case 1 -> new DrainSessionCapsule().encode();
                case 2 -> new MaxDataCapsule(data.consumeLong(0, 100_000)).encode();
                case 3 -> new MaxStreamsCapsule(data.consumeBoolean(), data.consumeLong(0, 16)).encode();
                case 4 -> new DataBlockedCapsule(data.consumeLong(0, 100_000)).encode();
                case 5 -> new StreamsBlockedCapsule(data.consumeBoolean(), data.consumeLong(0, 16)).encode();
                default -> new UnknownCapsule(data.consumeLong(0x40, 0x4000), data.consumeLong(0, 8)).encode();
            };
            // A prefix or suffix of a capsule: the rest may follow in a later input.
            int from = data.consumeBoolean() ? 0 : data.consumeInt(0, whole.remaining());
            int to = data.consumeBoolean() ? whole.remaining() : data.consumeInt(from, whole.remaining());
            return whole.slice(from, to - from);
        }

        void incomingStream() {
            boolean bidi = data.consumeBoolean();
            // Peer-initiated ids: bit 0 says who opened it, bit 1 whether it is unidirectional. A
            // client's bidirectional streams share their id space with CONNECT streams: start above those.
            long id = 4 * (FIRST_STREAM_INDEX + nextPeerStream++) + (peerRole == Role.SERVER ? 1 : 0) + (bidi ? 0 : 2);
            StreamDisposition d = conn.onIncomingStream(id, sessionId());
            peerStreams.put(id, d);
        }

        long anyStream() {
            List<Long> ids = new ArrayList<>(peerStreams.keySet());
            ids.addAll(localStreams);
            if (ids.isEmpty()) {
                return 2;
            }
            return ids.get(data.consumeInt(0, ids.size() - 1));
        }

        void streamData() {
            long id = anyStream();
            WtStream st = conn.stream(id);
            if (st == null || st.receive() == null || paused.contains(id)) {
                return; // the binding reads nothing more from a paused stream
            }
            int n = data.consumeInt(1, (int) CHUNK_MAX);
            delivered++;
            if (st.receive().onData(new ByteChunk(new byte[n]))) {
                paused.add(id);
            }
            conn.onStreamProgress(id);
        }

        void streamEnd() {
            long id = anyStream();
            WtStream st = conn.stream(id);
            if (st == null || st.receive() == null) {
                return;
            }
            if (data.consumeBoolean()) {
                st.receive().onFin();
            } else {
                st.receive().onReset(errorCode());
            }
            conn.onStreamProgress(id);
        }

        void read() {
            long id = anyStream();
            WtStream st = conn.stream(id);
            if (st != null && st.receive() != null) {
                if (data.consumeBoolean()) {
                    ReceiveSide.Read r = st.receive().take();
                    if (r != null) {
                        r.chunks().forEach(c -> c.release());
                    }
                } else {
                    st.receive().abandon(true);
                }
                conn.onStreamProgress(id);
                if (paused.contains(id) && st.receive().mayResume()) {
                    paused.remove(id);
                }
            }
            for (ReceiveSide side : conn.receiveBudget().resumable()) {
                if (side.mayResume()) {
                    paused.remove(side.streamId());
                }
            }
        }

        ByteBuffer datagram() {
            if (data.consumeBoolean()) {
                return ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 16)));
            }
            long id = sessionId();
            byte[] payload = data.consumeBytes(data.consumeInt(0, 16));
            ByteBuffer b = ByteBuffer.allocate(HttpDatagram.headerLength(id) + payload.length);
            HttpDatagram.writeHeader(b, id);
            return b.put(payload).flip();
        }

        void openStream() {
            long session = sessionId();
            if (!conn.isEstablished(session)) {
                return;
            }
            boolean bidi = data.consumeBoolean();
            if (conn.tryOpenStream(session, bidi)) {
                long id = 4 * (FIRST_STREAM_INDEX + nextLocalStream++) + (role == Role.SERVER ? 1 : 0) + (bidi ? 0 : 2);
                conn.onLocalStreamOpened(id, session);
                localStreams.add(id);
            }
        }

        void sendData() {
            long session = sessionId();
            long credit = conn.sendCredit(session);
            if (credit == 0) {
                conn.onSendBlocked(session);
            } else {
                conn.onStreamDataSent(session, Math.min(credit, data.consumeLong(1, 2000)));
            }
        }

        // ------------------------------------------------------------------ invariants

        void check() {
            Command c;
            while ((c = conn.pollCommand()) != null) {
                checkCommand(c);
            }
            SessionEvent e;
            while ((e = conn.pollEvent()) != null) {
                checkEvent(e);
            }
            int open = 0;
            for (Map.Entry<Long, Life> s : life.entrySet()) {
                if (s.getValue() != Life.CLOSED) {
                    open++;
                }
            }
            final int openNow = open;
            if (role == Role.SERVER) {
                assertTrue(open <= config.maxSessions(), () -> openNow + " sessions open, at most " + config.maxSessions() + " allowed");
            }
            int waiting = 0;
            for (Map.Entry<Long, StreamDisposition> s : peerStreams.entrySet()) {
                if (s.getValue() == StreamDisposition.BUFFERED && !stopped.contains(s.getKey()) && conn.stream(s.getKey()) != null) {
                    waiting++;
                }
            }
            final int waitingNow = waiting;
            assertTrue(waiting <= config.maxBufferedStreams(), () -> waitingNow + " streams wait for their session, at most "
                    + config.maxBufferedStreams() + " allowed");
            long held = 0;
            int receiving = 0;
            List<Long> all = new ArrayList<>(peerStreams.keySet());
            all.addAll(localStreams);
            for (long id : all) {
                WtStream st = conn.stream(id);
                if (st == null || st.receive() == null) {
                    continue;
                }
                receiving++;
                held += st.receive().bufferedBytes();
                if (stopped.contains(id)) {
                    assertEquals(0, st.receive().bufferedBytes(), () -> "stream " + id + " was refused but holds received bytes");
                }
                assertTrue(st.receive().bufferedBytes() <= limits.streamReceiveMark() + CHUNK_MAX,
                        () -> "stream " + id + " holds " + st.receive().bufferedBytes() + " bytes");
            }
            long charged = conn.receiveBudget().held();
            assertEquals(held, charged, "the receive budget is charged with bytes no stream holds");
            assertTrue(charged <= limits.receiveBudget() + CHUNK_MAX * Math.max(1, receiving),
                    () -> "the streams hold " + charged + " bytes, over the budget of " + limits.receiveBudget());
        }

        void checkCommand(Command c) {
            switch (c) {
                case Command.ResetStream r -> assertTrue(STREAM_CODES.contains(r.http3ErrorCode())
                        || appAbortCodes.contains(r.http3ErrorCode()), () -> "reset with " + ErrorCodes.name(r.http3ErrorCode()));
                case Command.StopSending s -> {
                    assertTrue(STREAM_CODES.contains(s.http3ErrorCode()) || appAbortCodes.contains(s.http3ErrorCode()),
                            () -> "STOP_SENDING with " + ErrorCodes.name(s.http3ErrorCode()));
                    if (peerStreams.containsKey(s.streamId()) || localStreams.contains(s.streamId())) {
                        stopped.add(s.streamId());
                    }
                }
                case Command.CloseConnection cc -> assertTrue(CONNECTION_CODES.contains(cc.http3ErrorCode()),
                        () -> "connection closed with " + ErrorCodes.name(cc.http3ErrorCode()));
                case Command.SendCapsule s -> assertTrue(s.bytes().hasRemaining());
                case Command.SendGoAway g -> assertEquals(Role.SERVER, role);
                case Command.SendHeaders h -> assertTrue(h.streamId() % 4 == 0);
                case Command.FinishStream f -> {
                }
            }
        }

        void checkEvent(SessionEvent e) {
            switch (e) {
                case SessionEvent.SessionRequested r -> {
                    assertEquals(Role.SERVER, role);
                    if (connectionClosed) {
                        fail("session " + r.sessionId() + " requested after the connection closed");
                    }
                    assertEquals(null, life.get(r.sessionId()), () -> "session " + r.sessionId() + " requested twice");
                    life.put(r.sessionId(), Life.REQUESTED);
                }
                case SessionEvent.SessionEstablished s -> {
                    assertEquals(Life.REQUESTED, life.get(s.sessionId()), () -> "session " + s.sessionId() + " established from " + life.get(s.sessionId()));
                    life.put(s.sessionId(), Life.ESTABLISHED);
                }
                case SessionEvent.SessionRejected r -> assertEquals(Life.REQUESTED, life.get(r.sessionId()));
                case SessionEvent.SessionClosed c -> {
                    Life was = life.get(c.sessionId());
                    assertTrue(was == Life.REQUESTED || was == Life.ESTABLISHED, () -> "session " + c.sessionId() + " closed from " + was);
                    life.put(c.sessionId(), Life.CLOSED);
                }
                case SessionEvent.NewStream n -> {
                    established(n.sessionId(), e);
                    if (peerStreams.containsKey(n.streamId())) {
                        peerStreams.put(n.streamId(), StreamDisposition.DELIVERED); // a held stream, released
                    }
                }
                case SessionEvent.Datagram d -> established(d.sessionId(), e);
                case SessionEvent.Draining d -> established(d.sessionId(), e);
                case SessionEvent.SendCredit s -> established(s.sessionId(), e);
                case SessionEvent.StreamCredit s -> established(s.sessionId(), e);
                case SessionEvent.Negotiated n -> {
                }
                case SessionEvent.GoAway g -> {
                }
            }
        }

        void established(long sessionId, SessionEvent e) {
            assertEquals(Life.ESTABLISHED, life.get(sessionId), () -> e + " for a session that is " + life.get(sessionId));
        }
    }
}
