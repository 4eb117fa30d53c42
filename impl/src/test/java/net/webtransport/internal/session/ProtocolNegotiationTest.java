package net.webtransport.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.transport.HttpFields;
import org.junit.jupiter.api.Test;

/** Application protocol negotiation and the legacy draft-02 marker in the session layer (draft §3.3). */
class ProtocolNegotiationTest {
    private static final HttpFields OFFER = HttpFields.of("wt-available-protocols", "\"a\", \"b\"");

    private static WtPair requested(HttpFields fields, boolean protocolRequired) {
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(0, "example.org:443", "/wt", fields, protocolRequired);
        pair.pump();
        return pair;
    }

    @Test
    void aClientThatRequiresAProtocolClosesTheSessionWithWtAlpnErrorWhenTheServerChoosesNone() {
        WtPair pair = requested(OFFER, true);
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        assertTrue(pair.events(pair.clientEvents, SessionEvent.SessionEstablished.class).isEmpty());
        List<SessionEvent.SessionClosed> closed = pair.events(pair.clientEvents, SessionEvent.SessionClosed.class);
        assertEquals(1, closed.size());
        assertEquals(ErrorCodes.WT_ALPN_ERROR, closed.get(0).info().errorCode());
        List<SessionEvent.SessionClosed> serverSaw = pair.events(pair.serverEvents, SessionEvent.SessionClosed.class);
        assertEquals(1, serverSaw.size(), "the server learns of it through the reset CONNECT stream");
        assertEquals(ErrorCodes.WT_ALPN_ERROR, serverSaw.get(0).info().errorCode());
    }

    @Test
    void aClientThatRequiresAProtocolRefusesAChoiceItDidNotOffer() {
        WtPair pair = requested(OFFER, true);
        pair.server.respond(0, 200, HttpFields.of("wt-protocol", "\"c\""));
        pair.pump();
        assertEquals(ErrorCodes.WT_ALPN_ERROR,
                pair.events(pair.clientEvents, SessionEvent.SessionClosed.class).get(0).info().errorCode());
    }

    @Test
    void aClientThatRequiresAProtocolOpensTheSessionWhenAnOfferedOneIsChosen() {
        WtPair pair = requested(OFFER, true);
        pair.server.respond(0, 200, HttpFields.of("wt-protocol", "\"b\""));
        pair.pump();
        assertEquals(1, pair.events(pair.clientEvents, SessionEvent.SessionEstablished.class).size());
        assertTrue(pair.client.isEstablished(0));
    }

    @Test
    void aClientThatDoesNotRequireAProtocolOpensTheSessionWithoutOne() {
        WtPair pair = requested(OFFER, false);
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        assertTrue(pair.client.isEstablished(0));
        assertTrue(pair.events(pair.clientEvents, SessionEvent.SessionClosed.class).isEmpty());
    }

    @Test
    void aDraft02ClientIsAnsweredWithTheDraft02Marker() {
        WtPair pair = requested(HttpFields.of("sec-webtransport-http3-draft02", "1"), false);
        pair.server.respond(0, 200, HttpFields.empty());
        HttpFields response = ((Command.SendHeaders) pair.server.pollCommand()).fields();
        assertEquals("draft02", response.get("sec-webtransport-http3-draft"));
    }

    @Test
    void otherClientsAndRefusalsGetNoDraft02Marker() {
        WtPair pair = requested(HttpFields.empty(), false);
        pair.server.respond(0, 200, HttpFields.empty());
        assertNull(((Command.SendHeaders) pair.server.pollCommand()).fields().get("sec-webtransport-http3-draft"));
        WtPair refused = requested(HttpFields.of("sec-webtransport-http3-draft02", "1"), false);
        refused.server.respond(0, 404, HttpFields.empty());
        HttpFields response = ((Command.SendHeaders) refused.server.pollCommand()).fields();
        assertFalse(response.contains("sec-webtransport-http3-draft"));
    }
}
