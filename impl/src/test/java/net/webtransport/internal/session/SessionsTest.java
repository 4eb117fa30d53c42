package net.webtransport.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.webtransport.internal.wire.CloseSessionCapsule;
import net.webtransport.internal.wire.DrainSessionCapsule;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.VarInt;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.HttpFields;
import org.junit.jupiter.api.Test;

class SessionsTest {

    @Test
    void a2xxResponseEstablishesTheSessionOnBothSides() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        assertEquals(1, pair.events(pair.clientEvents, SessionEvent.SessionEstablished.class).size());
        assertEquals(1, pair.events(pair.serverEvents, SessionEvent.SessionEstablished.class).size());
        assertTrue(pair.client.isEstablished(0));
        assertTrue(pair.server.isEstablished(0));
    }

    @Test
    void aRefusalWithANon2xxStatusReachesTheClientAndClosesNothingElse() {
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(0, "a:1", "/x", HttpFields.empty());
        pair.pump();
        pair.server.respond(0, 404, HttpFields.of("x-why", "nothing here"));
        pair.pump();
        SessionEvent.SessionRejected r = pair.events(pair.clientEvents, SessionEvent.SessionRejected.class).get(0);
        assertEquals(404, r.status());
        assertEquals("nothing here", r.response().get("x-why"));
        assertFalse(pair.client.isEstablished(0));
    }

    @Test
    void closeSendsTheCodeAndAReasonTruncatedTo1024BytesAndThePeerSeesACleanClose() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        String reason = "é".repeat(600); // 1200 bytes of two-byte characters
        pair.client.closeSession(0, 0xffffffffL, reason);
        pair.pump();
        CloseInfo seen = pair.events(pair.serverEvents, SessionEvent.SessionClosed.class).get(0).info();
        assertTrue(seen.clean());
        assertFalse(seen.local());
        assertEquals(0xffffffffL, seen.errorCode());
        assertEquals("é".repeat(512), seen.reason());
        CloseInfo local = pair.events(pair.clientEvents, SessionEvent.SessionClosed.class).get(0).info();
        assertTrue(local.local());
        assertEquals("é".repeat(512), local.reason());
    }

    @Test
    void aFinWithoutCloseCapsuleIsACleanCloseWithCodeZeroAndNoReason() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.server.onConnectStreamFin(0);
        pair.pump();
        assertEquals(CloseInfo.clean(0, "", false), pair.events(pair.serverEvents, SessionEvent.SessionClosed.class).get(0).info());
        assertTrue(pair.server.pollCommand() == null);
        // The server answered with its own FIN, which closed the client side too.
        assertEquals(1, pair.events(pair.clientEvents, SessionEvent.SessionClosed.class).size());
    }

    @Test
    void aCloseMessageLongerThan1024BytesResetsTheConnectStreamWithH3MessageError() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        ByteBuffer capsule = ByteBuffer.allocate(2000);
        VarInt.write(capsule, CloseSessionCapsule.TYPE);
        VarInt.write(capsule, 4 + 1025);
        capsule.putInt(1).put("m".repeat(1025).getBytes(StandardCharsets.UTF_8)).flip();
        pair.server.onCapsuleData(0, capsule);
        assertEquals(new Command.ResetStream(0, ErrorCodes.H3_MESSAGE_ERROR), pair.server.pollCommand());
        assertEquals(new Command.StopSending(0, ErrorCodes.H3_MESSAGE_ERROR), pair.server.pollCommand());
        pair.pump();
        CloseInfo info = pair.events(pair.serverEvents, SessionEvent.SessionClosed.class).get(0).info();
        assertFalse(info.clean());
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, info.errorCode());
    }

    /**
     * RFC 9297 §3.2: a capsule of unknown type is skipped, and what follows it is parsed as usual,
     * wherever the bytes are split.
     */
    @Test
    void parsingGoesOnAfterAnUnknownCapsuleWhereverTheBytesAreSplit() {
        ByteBuffer unknown = ByteBuffer.allocate(64);
        VarInt.write(unknown, 0x17f2);               // no capsule this endpoint knows
        VarInt.write(unknown, 20);
        unknown.put(new byte[20]).flip();
        ByteBuffer close = new CloseSessionCapsule(9, "after the unknown one").encode();
        byte[] all = new byte[unknown.remaining() + close.remaining()];
        unknown.get(all, 0, unknown.remaining());
        close.get(all, all.length - close.remaining(), close.remaining());
        for (int split = 1; split < all.length; split += 3) {
            WtPair pair = new WtPair().negotiated();
            pair.establish(0);
            pair.server.onCapsuleData(0, ByteBuffer.wrap(all, 0, split));
            pair.server.onCapsuleData(0, ByteBuffer.wrap(all, split, all.length - split));
            pair.pump();
            List<SessionEvent.SessionClosed> closed = pair.events(pair.serverEvents, SessionEvent.SessionClosed.class);
            assertEquals(1, closed.size(), "split at " + split);
            assertEquals(CloseInfo.clean(9, "after the unknown one", false), closed.get(0).info(), "split at " + split);
        }
    }

    @Test
    void dataAfterTheCloseCapsuleIsAnH3MessageError() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        ByteBuffer close = new CloseSessionCapsule(5, "done").encode();
        ByteBuffer withTrailer = ByteBuffer.allocate(close.remaining() + 3).put(close).put(new byte[] {1, 2, 3}).flip();
        pair.server.onCapsuleData(0, withTrailer);
        List<Command> commands = new java.util.ArrayList<>();
        Command c;
        while ((c = pair.server.pollCommand()) != null) {
            commands.add(c);
        }
        assertTrue(commands.contains(new Command.StopSending(0, ErrorCodes.H3_MESSAGE_ERROR)), commands.toString());
    }

    @Test
    void aStreamEndingInsideACapsuleIsAnAbruptClose() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        ByteBuffer close = new CloseSessionCapsule(5, "done").encode();
        close.limit(close.limit() - 2);
        pair.server.onCapsuleData(0, close);
        pair.server.onConnectStreamFin(0);
        pair.pump();
        assertFalse(pair.events(pair.serverEvents, SessionEvent.SessionClosed.class).get(0).info().clean());
    }

    @Test
    void unknownCapsulesAreSkipped() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        ByteBuffer unknown = ByteBuffer.allocate(16);
        VarInt.write(unknown, 0x17); // a reserved (grease-like) capsule type
        VarInt.write(unknown, 3);
        unknown.put(new byte[] {9, 9, 9}).flip();
        pair.server.onCapsuleData(0, unknown);
        pair.pump();
        assertTrue(pair.server.isEstablished(0));
    }

    @Test
    void aDrainCapsuleSignalsDrainingOnce() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.client.drainSession(0);
        pair.client.drainSession(0);
        pair.pump();
        assertEquals(1, pair.events(pair.serverEvents, SessionEvent.Draining.class).size());
        assertTrue(pair.server.isEstablished(0), "draining is only a signal");
        pair.server.onCapsuleData(0, new DrainSessionCapsule().encode());
        assertEquals(1, pair.events(pair.serverEvents, SessionEvent.Draining.class).size());
    }

    @Test
    void goAwayDrainsEverySessionAndForbidsNewOnes() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.establish(4);
        pair.client.onGoAway(8);
        pair.pump();
        assertEquals(2, pair.events(pair.clientEvents, SessionEvent.Draining.class).size());
        assertEquals(1, pair.events(pair.clientEvents, SessionEvent.GoAway.class).size());
        assertTrue(pair.client.whyNoNewSession().contains("GOAWAY"), pair.client.whyNoNewSession());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> pair.client.openSession(8, "a:1", "/", HttpFields.empty()));
    }

    @Test
    void aConnectRequestAfterTheConnectionClosedStartsNoSession() {
        // Found by WtConnectionFuzzTest: a request still in the binding's pipeline when the
        // connection closed was handed to the application as a new session on a dead connection.
        WtPair pair = new WtPair().negotiated();
        pair.server.onConnectionClosed(0x100, "gone");
        pair.server.onRequestHeaders(0, ConnectMessages.request("webtransport-h3", "a:1", "/", HttpFields.empty()));
        pair.pump();
        assertEquals(List.of(), pair.events(pair.serverEvents, SessionEvent.SessionRequested.class));
        assertFalse(pair.server.isRequested(0));
    }

    @Test
    void aDrainCapsuleBeforeTheSessionIsEstablishedIsSignalledOnceItIs() {
        // WT_DRAIN_SESSION sent right behind the CONNECT used to raise Draining for a session the
        // application had not accepted yet (WtConnectionFuzzTest checks the event order).
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(0, "a:1", "/", HttpFields.empty());
        pair.pump();
        pair.server.onCapsuleData(0, new DrainSessionCapsule().encode());
        pair.pump();
        assertEquals(List.of(), pair.events(pair.serverEvents, SessionEvent.Draining.class));
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        assertEquals(List.of(new SessionEvent.Draining(0)), pair.events(pair.serverEvents, SessionEvent.Draining.class));
        int established = pair.serverEvents.indexOf(pair.events(pair.serverEvents, SessionEvent.SessionEstablished.class).get(0));
        assertTrue(established < pair.serverEvents.indexOf(new SessionEvent.Draining(0)), "Draining comes after SessionEstablished");
    }

    @Test
    void aSessionThatEndsAsItIsEstablishedIsNotSignalledDraining() {
        // Found by WtConnectionFuzzTest: a drain requested before establishment was signalled after
        // the session had already closed, because a stream it held broke the stream limit.
        WtPair pair = new WtPair(FlowControlTest.SMALL_GRANT).negotiated();
        pair.client.openSession(0, "a:1", "/", HttpFields.empty());
        pair.pump();
        pair.server.onCapsuleData(0, new DrainSessionCapsule().encode());
        for (int i = 0; i < 3; i++) {
            pair.server.onIncomingStream(StreamsTest.CLIENT_BIDI + 4 * i, 0); // two are allowed
        }
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        assertEquals(1, pair.events(pair.serverEvents, SessionEvent.SessionClosed.class).size());
        assertEquals(List.of(), pair.events(pair.serverEvents, SessionEvent.Draining.class));
    }

    @Test
    void aGoAwayWhileASessionIsBeingSetUpDrainsItOnceEstablished() {
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(0, "a:1", "/", HttpFields.empty());
        pair.pump();
        pair.client.onGoAway(4);
        pair.pump();
        assertEquals(List.of(), pair.events(pair.clientEvents, SessionEvent.Draining.class));
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        assertEquals(List.of(new SessionEvent.Draining(0)), pair.events(pair.clientEvents, SessionEvent.Draining.class));
    }

    @Test
    void losingTheConnectionClosesEverySessionAbruptly() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.establish(4);
        pair.client.onConnectionClosed(0x100, "gone");
        pair.pump();
        List<SessionEvent.SessionClosed> closed = pair.events(pair.clientEvents, SessionEvent.SessionClosed.class);
        assertEquals(2, closed.size());
        for (SessionEvent.SessionClosed c : closed) {
            assertEquals(CloseInfo.abrupt(0x100, "gone", false), c.info());
        }
    }

    @Test
    void closingASessionNotYetEstablishedCancelsTheRequest() {
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(0, "a:1", "/", HttpFields.empty());
        pair.client.closeSession(0, 0, "");
        assertEquals(Command.SendHeaders.class, pair.client.pollCommand().getClass());
        assertEquals(new Command.ResetStream(0, ErrorCodes.H3_REQUEST_CANCELLED), pair.client.pollCommand());
    }
}
