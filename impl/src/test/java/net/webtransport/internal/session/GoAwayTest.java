package net.webtransport.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.transport.HttpFields;
import org.junit.jupiter.api.Test;

/** A server's graceful shutdown of a connection (RFC 9114 §5.2, draft §4.7), without I/O. */
class GoAwayTest {

    private static List<Command> serverCommands(WtPair pair) {
        return pair.serverStreamCommands;
    }

    @Test
    void goAwayNamesTheFirstRequestStreamTheServerHasNotSeenAndDrainsEverySession() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.establish(8);
        pair.server.goAway();
        pair.pump();
        List<Command.SendGoAway> goAways = serverCommands(pair).stream()
                .filter(Command.SendGoAway.class::isInstance).map(Command.SendGoAway.class::cast).toList();
        assertEquals(List.of(new Command.SendGoAway(12)), goAways, "stream 8 was the last request seen");
        assertEquals(2, pair.events(pair.clientEvents, SessionEvent.Draining.class).size(),
                "each session also gets WT_DRAIN_SESSION, for clients that do not watch GOAWAY");
        assertTrue(pair.server.isEstablished(0) && pair.server.isEstablished(8), "sessions keep working");
        assertTrue(pair.server.isGoingAway());
    }

    @Test
    void theGoAwayIdCoversWebTransportStreamsTheClientOpened() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.server.onIncomingStream(20, 0); // a client bidi stream carrying the 0x41 signal
        pair.server.goAway();
        assertEquals(new Command.SendGoAway(24), firstGoAway(pair.server));
    }

    @Test
    void aServerWithoutRequestsSendsGoAwayZero() {
        WtPair pair = new WtPair().negotiated();
        pair.server.goAway();
        assertEquals(new Command.SendGoAway(0), firstGoAway(pair.server));
    }

    @Test
    void goAwayIsSentOnce() {
        WtPair pair = new WtPair().negotiated();
        pair.server.goAway();
        pair.server.goAway();
        assertNotNull(firstGoAway(pair.server));
        assertEquals(null, firstGoAway(pair.server));
    }

    @Test
    void aConnectAtOrPastTheGoAwayIdIsRejectedUnprocessed() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.server.goAway();
        pair.pump();
        pair.serverStreamCommands.clear();
        pair.client.openSession(4, "example.org:443", "/late", HttpFields.empty());
        pair.pump();
        assertTrue(pair.events(pair.serverEvents, SessionEvent.SessionRequested.class).stream()
                .noneMatch(r -> r.sessionId() == 4), "the late request never reaches the application");
        assertTrue(pair.serverStreamCommands.contains(new Command.StopSending(4, ErrorCodes.H3_REQUEST_REJECTED)));
        assertFalse(pair.client.isEstablished(4));
    }

    @Test
    void aSessionAcceptedDuringTheShutdownIsAskedToDrainToo() {
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(0, "example.org:443", "/wt", HttpFields.empty());
        pair.pump();
        pair.server.goAway(); // the request (stream 0) was seen, so it is below the GOAWAY id
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        assertTrue(pair.client.isEstablished(0));
        assertEquals(1, pair.events(pair.clientEvents, SessionEvent.Draining.class).size());
    }

    @Test
    void aClientDoesNotGoAway() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.client.goAway();
        assertEquals(null, firstGoAway(pair.client));
        assertFalse(pair.client.isGoingAway());
    }

    private static Command.SendGoAway firstGoAway(WtConnection c) {
        Command cmd;
        while ((cmd = c.pollCommand()) != null) {
            if (cmd instanceof Command.SendGoAway g) {
                return g;
            }
        }
        return null;
    }
}
