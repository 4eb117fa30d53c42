package net.webtransport.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.List;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.HttpDatagram;
import net.webtransport.transport.HttpFields;
import org.junit.jupiter.api.Test;

class DatagramsTest {

    static ByteBuffer datagram(long sessionId, String payload) {
        byte[] p = payload.getBytes();
        ByteBuffer b = ByteBuffer.allocate(HttpDatagram.headerLength(sessionId) + p.length);
        HttpDatagram.writeHeader(b, sessionId);
        return b.put(p).flip();
    }

    @Test
    void aDatagramIsRoutedByItsQuarterStreamId() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.establish(4);
        pair.server.onDatagram(datagram(4, "to four"));
        SessionEvent.Datagram d = (SessionEvent.Datagram) pair.server.pollEvent();
        assertEquals(4, d.sessionId());
        assertEquals(ByteBuffer.wrap("to four".getBytes()), d.payload());
    }

    @Test
    void datagramsForASessionNotYetEstablishedWaitForIt() {
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(0, "a:1", "/", HttpFields.empty());
        pair.client.onDatagram(datagram(0, "early"));
        assertNull(pair.client.pollEvent());
        pair.pump();
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        List<SessionEvent.Datagram> got = pair.events(pair.clientEvents, SessionEvent.Datagram.class);
        assertEquals(1, got.size());
    }

    @Test
    void datagramsForClosedSessionsAreDropped() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.server.closeSession(0, 0, "");
        pair.pump();
        pair.server.onDatagram(datagram(0, "late"));
        assertNull(pair.server.pollEvent());
    }

    @Test
    void aClientDropsDatagramsForASessionItNeverOpened() {
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(4, "a:1", "/", HttpFields.empty());
        pair.pump();
        pair.client.onDatagram(datagram(8, "stray")); // not held like one for session 4 would be
        pair.server.respond(4, 200, HttpFields.empty());
        pair.pump();
        assertEquals(List.of(), pair.events(pair.clientEvents, SessionEvent.Datagram.class));
    }

    @Test
    void heldDatagramsAreBoundedAndTheOldestGoFirst() {
        WtPair pair = new WtPair(new WtConfig(100, 16, 2, 16, 1024)).negotiated();
        pair.client.openSession(0, "a:1", "/", HttpFields.empty());
        pair.client.onDatagram(datagram(0, "1"));
        pair.client.onDatagram(datagram(0, "2"));
        pair.client.onDatagram(datagram(0, "3"));
        pair.pump();
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        List<SessionEvent.Datagram> got = pair.events(pair.clientEvents, SessionEvent.Datagram.class);
        assertEquals(2, got.size());
        assertEquals(ByteBuffer.wrap("2".getBytes()), got.get(0).payload());
    }

    @Test
    void aDatagramWithoutQuarterStreamIdIsAConnectionError() {
        WtPair pair = new WtPair().negotiated();
        pair.server.onDatagram(ByteBuffer.allocate(0));
        assertEquals(ErrorCodes.H3_DATAGRAM_ERROR, ((Command.CloseConnection) pair.server.pollCommand()).http3ErrorCode());
    }
}
