package net.webtransport.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.webtransport.internal.session.StreamsTest.ByteChunk;
import net.webtransport.internal.wire.Capsule;
import net.webtransport.internal.wire.CapsuleParser;
import net.webtransport.internal.wire.DataBlockedCapsule;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.MaxDataCapsule;
import net.webtransport.internal.wire.MaxStreamsCapsule;
import net.webtransport.internal.wire.SettingIds;
import net.webtransport.internal.wire.StreamsBlockedCapsule;
import net.webtransport.internal.wire.WireException;
import net.webtransport.transport.HttpFields;
import org.junit.jupiter.api.Test;

/** WebTransport flow control (draft-ietf-webtrans-http3-16 §5) in the session layer, without I/O. */
class FlowControlTest {
    /** A small grant: 1000 bytes, 2 bidirectional and 2 unidirectional streams per session. */
    static final FlowControlSettings SMALL = new FlowControlSettings(1000, 2, 2);
    static final WtConfig SMALL_GRANT = WtConfig.DEFAULT.withFlowControl(SMALL);
    static final WtConfig NO_GRANT = WtConfig.DEFAULT.withFlowControl(FlowControlSettings.NONE);

    /** The flow-control capsules {@code from} sent on session 0, decoded. */
    static List<Capsule> capsulesSent(List<Command> commands) throws WireException {
        CapsuleParser parser = new CapsuleParser();
        for (Command c : commands) {
            if (c instanceof Command.SendCapsule s && s.streamId() == 0) {
                parser.feed(s.bytes().duplicate());
            }
        }
        List<Capsule> out = new java.util.ArrayList<>();
        Capsule c;
        while ((c = parser.next()) != null) {
            out.add(c);
        }
        return out;
    }

    /** Drains {@code side}'s commands, keeping them for inspection. */
    static List<Command> drain(WtConnection side) {
        List<Command> out = new java.util.ArrayList<>();
        Command c;
        while ((c = side.pollCommand()) != null) {
            out.add(c);
        }
        return out;
    }

    static void receive(WtConnection side, long streamId, int bytes) {
        side.stream(streamId).receive().onData(new ByteChunk(new byte[bytes]));
        side.onStreamProgress(streamId);
    }

    static long closeCode(WtPair pair, List<SessionEvent> events) {
        return pair.events(events, SessionEvent.SessionClosed.class).get(0).info().errorCode();
    }

    @Test
    void aGrantIsAnnouncedInTheThreeInitialSettings() {
        var s = new WtConnection(Role.SERVER, SMALL_GRANT).localSettings();
        assertEquals(1000L, s.get(SettingIds.WT_INITIAL_MAX_DATA));
        assertEquals(2L, s.get(SettingIds.WT_INITIAL_MAX_STREAMS_BIDI));
        assertEquals(2L, s.get(SettingIds.WT_INITIAL_MAX_STREAMS_UNI));
        var none = new WtConnection(Role.SERVER, NO_GRANT).localSettings();
        assertFalse(none.containsKey(SettingIds.WT_INITIAL_MAX_DATA));
        assertFalse(none.containsKey(SettingIds.WT_INITIAL_MAX_STREAMS_BIDI));
    }

    @Test
    void flowControlIsOnOnlyWhenBothEndpointsGrantSomething() {
        assertTrue(new WtPair(SMALL_GRANT).negotiated().server.flowControlEnabled());
        WtPair oneSided = new WtPair(NO_GRANT, SMALL_GRANT).negotiated();
        assertFalse(oneSided.server.flowControlEnabled());
        assertFalse(oneSided.client.flowControlEnabled());
    }

    @Test
    void aPeerThatOpensMoreStreamsThanAllowedEndsTheSessionWithWtFlowControlError() {
        WtPair pair = new WtPair(SMALL_GRANT).negotiated();
        pair.establish(0);
        assertEquals(WtConnection.StreamDisposition.DELIVERED, pair.server.onIncomingStream(2, 0));
        assertEquals(WtConnection.StreamDisposition.DELIVERED, pair.server.onIncomingStream(6, 0));
        assertEquals(WtConnection.StreamDisposition.REJECTED, pair.server.onIncomingStream(10, 0), "a third uni stream");
        pair.pump();
        assertEquals(ErrorCodes.WT_FLOW_CONTROL_ERROR, closeCode(pair, pair.serverEvents));
        assertEquals(ErrorCodes.WT_FLOW_CONTROL_ERROR, closeCode(pair, pair.clientEvents), "the CONNECT stream was reset with it");
    }

    @Test
    void aPeerThatSendsMoreDataThanAllowedEndsTheSessionWithWtFlowControlError() {
        WtPair pair = new WtPair(SMALL_GRANT).negotiated();
        pair.establish(0);
        pair.server.onIncomingStream(2, 0);
        pair.server.onIncomingStream(6, 0);
        receive(pair.server, 2, 600);
        assertTrue(pair.server.isEstablished(0), "600 of 1000 bytes");
        receive(pair.server, 6, 401);
        assertFalse(pair.server.isEstablished(0), "1001 bytes over two streams of the session");
        pair.pump();
        assertEquals(ErrorCodes.WT_FLOW_CONTROL_ERROR, closeCode(pair, pair.serverEvents));
    }

    @Test
    void creditReturnsAsTheApplicationReadsOnceHalfTheWindowIsUsed() throws Exception {
        WtPair pair = new WtPair(SMALL_GRANT).negotiated();
        pair.establish(0);
        assertEquals(1000, pair.client.sendCredit(0));
        pair.server.onIncomingStream(2, 0);
        receive(pair.server, 2, 400);
        pair.server.stream(2).receive().take();
        pair.server.onStreamProgress(2);
        assertTrue(capsulesSent(drain(pair.server)).isEmpty(), "400 read: more than half the window is left");
        receive(pair.server, 2, 200);
        pair.server.stream(2).receive().take();
        pair.server.onStreamProgress(2);
        List<Command> sent = drain(pair.server);
        assertEquals(List.of(new MaxDataCapsule(1600)), capsulesSent(sent), "600 read: the limit moves to 600 + 1000");
        pair.client.onCapsuleData(0, ((Command.SendCapsule) sent.get(0)).bytes());
        pair.client.onStreamDataSent(0, 600);
        assertEquals(1000, pair.client.sendCredit(0));
        assertTrue(pair.client.pollEvent() instanceof SessionEvent.SendCredit);
    }

    @Test
    void unreadBytesOfAStreamThatIsOverAreCreditedBack() throws Exception {
        WtPair pair = new WtPair(SMALL_GRANT).negotiated();
        pair.establish(0);
        pair.server.onIncomingStream(2, 0);
        receive(pair.server, 2, 700);
        pair.server.stream(2).receive().abandon(true); // the application stopped reading
        pair.server.onStreamProgress(2);
        assertEquals(List.of(new MaxDataCapsule(1700)), capsulesSent(drain(pair.server)));
    }

    @Test
    void streamsThePeerFinishedAreGrantedAgain() throws Exception {
        WtPair pair = new WtPair(SMALL_GRANT).negotiated();
        pair.establish(0);
        pair.server.onIncomingStream(2, 0);
        pair.server.onIncomingStream(6, 0);
        drain(pair.server);
        pair.server.onStreamClosed(2);
        assertEquals(List.of(new MaxStreamsCapsule(false, 3)), capsulesSent(drain(pair.server)),
                "one of two done: half the window is used, so the limit moves to 1 + 2");
        assertEquals(WtConnection.StreamDisposition.DELIVERED, pair.server.onIncomingStream(10, 0));
    }

    @Test
    void openingPastThePeersStreamLimitWaitsReportsBlockedOnceAndGoesOnWhenCreditArrives() throws Exception {
        WtPair pair = new WtPair(SMALL_GRANT).negotiated();
        pair.establish(0);
        assertTrue(pair.client.tryOpenStream(0, true));
        assertTrue(pair.client.tryOpenStream(0, true));
        assertFalse(pair.client.tryOpenStream(0, true));
        assertFalse(pair.client.tryOpenStream(0, true));
        assertTrue(pair.client.tryOpenStream(0, false), "the unidirectional limit is separate");
        assertEquals(List.of(new StreamsBlockedCapsule(true, 2)), capsulesSent(drain(pair.client)), "reported once");
        pair.client.onCapsuleData(0, new MaxStreamsCapsule(true, 3).encode());
        assertTrue(pair.client.pollEvent() instanceof SessionEvent.StreamCredit);
        assertTrue(pair.client.tryOpenStream(0, true));
    }

    @Test
    void dataWaitingForCreditIsReportedBlockedOncePerLimit() throws Exception {
        WtPair pair = new WtPair(SMALL_GRANT).negotiated();
        pair.establish(0);
        pair.client.onStreamDataSent(0, 1000);
        assertEquals(0, pair.client.sendCredit(0));
        pair.client.onSendBlocked(0);
        pair.client.onSendBlocked(0);
        assertEquals(List.of(new DataBlockedCapsule(1000)), capsulesSent(drain(pair.client)));
    }

    @Test
    void creditBeforeTheSessionIsEstablishedRaisesItsLimitsWithoutAnEventUntilItIs() {
        // WT_MAX_DATA / WT_MAX_STREAMS right behind the CONNECT used to raise SendCredit and
        // StreamCredit for a session the application had not accepted yet.
        WtPair pair = new WtPair(SMALL_GRANT).negotiated();
        pair.client.openSession(0, "a:1", "/", HttpFields.empty());
        pair.pump();
        pair.server.onCapsuleData(0, new MaxDataCapsule(5000).encode());
        pair.server.onCapsuleData(0, new MaxStreamsCapsule(true, 10).encode());
        pair.pump();
        assertEquals(List.of(), pair.events(pair.serverEvents, SessionEvent.SendCredit.class));
        assertEquals(List.of(), pair.events(pair.serverEvents, SessionEvent.StreamCredit.class));
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        assertEquals(5000, pair.server.sendCredit(0), "the raised limit holds once the session is established");
        for (int i = 0; i < 10; i++) {
            assertTrue(pair.server.tryOpenStream(0, true));
        }
        assertFalse(pair.server.tryOpenStream(0, true));
    }

    @Test
    void limitCapsulesThatDoNotRaiseTheLimitAreAFlowControlError() {
        for (Capsule lowering : List.of(new MaxDataCapsule(1000), new MaxDataCapsule(10), new MaxStreamsCapsule(true, 2))) {
            WtPair pair = new WtPair(SMALL_GRANT).negotiated();
            pair.establish(0);
            pair.client.onCapsuleData(0, lowering.encode());
            pair.pump();
            assertEquals(ErrorCodes.WT_FLOW_CONTROL_ERROR, closeCode(pair, pair.clientEvents), lowering.toString());
        }
    }

    @Test
    void withoutFlowControlItsCapsulesAreIgnoredAndNothingIsLimited() {
        WtPair pair = new WtPair(NO_GRANT).negotiated();
        pair.establish(0);
        pair.client.onCapsuleData(0, new MaxDataCapsule(1).encode());
        pair.client.onCapsuleData(0, new MaxStreamsCapsule(true, 0).encode());
        assertTrue(pair.client.isEstablished(0));
        assertEquals(Long.MAX_VALUE, pair.client.sendCredit(0));
        for (int i = 0; i < 10; i++) {
            assertTrue(pair.client.tryOpenStream(0, true));
        }
    }

    @Test
    void withoutFlowControlADraft16ServerTakesOneSessionPerConnection() {
        WtPair pair = new WtPair(NO_GRANT).negotiated();
        pair.establish(0);
        assertTrue(pair.client.whyNoNewSession().contains("one session"));
        pair.server.onRequestHeaders(4, HttpFields.of(":method", "CONNECT", ":protocol", "webtransport-h3",
                ":scheme", "https", ":authority", "a", ":path", "/"));
        assertEquals(List.of(new Command.ResetStream(4, ErrorCodes.H3_REQUEST_REJECTED),
                new Command.StopSending(4, ErrorCodes.H3_REQUEST_REJECTED)), drain(pair.server));
        assertNull(pair.server.pollEvent());
    }

    @Test
    void withFlowControlSeveralSessionsShareAConnection() {
        WtPair pair = new WtPair(SMALL_GRANT).negotiated();
        pair.establish(0);
        assertNull(pair.client.whyNoNewSession());
        pair.establish(4);
        assertTrue(pair.server.isEstablished(4));
    }
}
