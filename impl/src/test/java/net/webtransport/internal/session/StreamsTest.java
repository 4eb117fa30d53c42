package net.webtransport.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.webtransport.internal.stream.Chunk;
import net.webtransport.internal.stream.ReceiveSide;
import net.webtransport.internal.session.WtConnection.StreamDisposition;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.WireException;
import net.webtransport.transport.HttpFields;
import org.junit.jupiter.api.Test;

class StreamsTest {
    // Client-initiated bidi 0x100 = 256, client uni 258, server bidi 257, server uni 259 (RFC 9000 §2.1).
    static final long CLIENT_BIDI = 256;
    static final long CLIENT_UNI = 258;
    static final long SERVER_BIDI = 257;
    static final long SERVER_UNI = 259;

    /** Stream bytes on the heap, for feeding receive sides. */
    record ByteChunk(byte[] bytes) implements Chunk {
        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public Chunk splitFirst(int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release() {
        }
    }

    @Test
    void aStreamForAnEstablishedSessionIsDelivered() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        assertEquals(StreamDisposition.DELIVERED, pair.server.onIncomingStream(CLIENT_BIDI, 0));
        assertEquals(new SessionEvent.NewStream(CLIENT_BIDI, 0, true), pair.server.pollEvent());
        assertEquals(0, pair.server.stream(CLIENT_BIDI).sessionId());
    }

    @Test
    void aStreamThatArrivesBeforeItsSessionIsEstablishedIsHeldThenDelivered() {
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(0, "a:1", "/", HttpFields.empty());
        // The server's stream overtook its 200 response.
        assertEquals(StreamDisposition.BUFFERED, pair.client.onIncomingStream(SERVER_BIDI, 0));
        pair.pump();
        assertTrue(pair.events(pair.clientEvents, SessionEvent.NewStream.class).isEmpty());
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        assertEquals(List.of(new SessionEvent.NewStream(SERVER_BIDI, 0, true)),
                pair.events(pair.clientEvents, SessionEvent.NewStream.class));
    }

    @Test
    void bufferedStreamsBeyondTheLimitAreRefusedWithBufferedStreamRejected() {
        WtPair pair = new WtPair(new WtConfig(100, 2, 32, 16, 1024)).negotiated();
        assertEquals(StreamDisposition.BUFFERED, pair.server.onIncomingStream(CLIENT_UNI, 8));
        assertEquals(StreamDisposition.BUFFERED, pair.server.onIncomingStream(CLIENT_UNI + 4, 8));
        assertEquals(StreamDisposition.BUFFERED, pair.server.onIncomingStream(CLIENT_UNI + 8, 8));
        // The oldest waited longest and is the one refused; a uni stream can only be stopped.
        assertEquals(new Command.StopSending(CLIENT_UNI, ErrorCodes.WT_BUFFERED_STREAM_REJECTED), pair.server.pollCommand());
        assertEquals(null, pair.server.pollCommand());
    }

    @Test
    void aClientRefusesAStreamForASessionItNeverOpened() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        assertEquals(StreamDisposition.REJECTED, pair.client.onIncomingStream(SERVER_BIDI, 8));
        assertEquals(new Command.ResetStream(SERVER_BIDI, ErrorCodes.WT_SESSION_GONE), pair.client.pollCommand());
        assertEquals(new Command.StopSending(SERVER_BIDI, ErrorCodes.WT_SESSION_GONE), pair.client.pollCommand());
    }

    @Test
    void aRefusedStreamChargesNothingToTheReceiveBudget() {
        // Found by WtConnectionFuzzTest: a refused stream kept its receive side, so bytes the peer
        // sent before seeing the refusal stayed charged to the connection's budget for good.
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        assertEquals(StreamDisposition.REJECTED, pair.client.onIncomingStream(SERVER_UNI, 8));
        ReceiveSide refused = pair.client.stream(SERVER_UNI).receive();
        refused.onData(new ByteChunk(new byte[500]));
        pair.client.onStreamProgress(SERVER_UNI);
        assertEquals(0, refused.bufferedBytes());
        assertEquals(0, pair.client.receiveBudget().held());
    }

    @Test
    void aStreamEvictedFromTheSessionBufferChargesNothingToTheReceiveBudget() {
        WtPair pair = new WtPair(new WtConfig(100, 1, 32, 16, 1024)).negotiated();
        assertEquals(StreamDisposition.BUFFERED, pair.server.onIncomingStream(CLIENT_UNI, 8));
        pair.server.stream(CLIENT_UNI).receive().onData(new ByteChunk(new byte[300]));
        assertEquals(300, pair.server.receiveBudget().held());
        assertEquals(StreamDisposition.BUFFERED, pair.server.onIncomingStream(CLIENT_UNI + 4, 8));
        assertEquals(new Command.StopSending(CLIENT_UNI, ErrorCodes.WT_BUFFERED_STREAM_REJECTED), pair.server.pollCommand());
        assertEquals(0, pair.server.receiveBudget().held());
        pair.server.stream(CLIENT_UNI).receive().onData(new ByteChunk(new byte[300]));
        assertEquals(0, pair.server.receiveBudget().held());
    }

    @Test
    void aStreamForAClosedSessionIsRefusedWithSessionGone() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.client.closeSession(0, 0, "");
        pair.pump();
        assertEquals(StreamDisposition.REJECTED, pair.server.onIncomingStream(CLIENT_BIDI, 0));
        assertEquals(new Command.ResetStream(CLIENT_BIDI, ErrorCodes.WT_SESSION_GONE), pair.server.pollCommand());
        assertEquals(new Command.StopSending(CLIENT_BIDI, ErrorCodes.WT_SESSION_GONE), pair.server.pollCommand());
    }

    @Test
    void closingASessionResetsAndStopsEveryOneOfItsStreamsWithSessionGone() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.client.onLocalStreamOpened(CLIENT_BIDI, 0);
        pair.client.onLocalStreamOpened(CLIENT_UNI, 0);
        pair.client.onIncomingStream(SERVER_BIDI, 0);
        pair.client.closeSession(0, 3, "bye");
        pair.pump();
        List<Command> c = pair.clientStreamCommands;
        assertTrue(c.contains(new Command.ResetStream(CLIENT_BIDI, ErrorCodes.WT_SESSION_GONE)), c.toString());
        assertTrue(c.contains(new Command.StopSending(CLIENT_BIDI, ErrorCodes.WT_SESSION_GONE)), c.toString());
        assertTrue(c.contains(new Command.ResetStream(CLIENT_UNI, ErrorCodes.WT_SESSION_GONE)), c.toString());
        assertTrue(!c.contains(new Command.StopSending(CLIENT_UNI, ErrorCodes.WT_SESSION_GONE)),
                "our own uni stream has no receive side");
        assertTrue(c.contains(new Command.ResetStream(SERVER_BIDI, ErrorCodes.WT_SESSION_GONE)), c.toString());
        assertTrue(pair.client.stream(CLIENT_BIDI).send().aborted(), "nothing more is sent on a stream of a closed session");
        assertTrue(pair.client.stream(SERVER_BIDI).receive().isOver(), "nor handed to its reader");
    }

    @Test
    void bytesOfAStreamThatArrivedBeforeItsSessionAreHeldWithItsFinAndCountedUntilRead() {
        WtPair pair = new WtPair().negotiated();
        pair.client.openSession(0, "a:1", "/", HttpFields.empty());
        pair.pump();
        pair.client.onIncomingStream(SERVER_UNI, 0);
        ReceiveSide early = pair.client.stream(SERVER_UNI).receive();
        early.onData(new ByteChunk(new byte[1000]));
        early.onFin();
        assertEquals(1000, pair.client.receiveBudget().held());
        pair.server.respond(0, 200, HttpFields.empty());
        pair.pump();
        assertEquals(List.of(new SessionEvent.NewStream(SERVER_UNI, 0, false)),
                pair.events(pair.clientEvents, SessionEvent.NewStream.class));
        ReceiveSide.Read read = pair.client.stream(SERVER_UNI).receive().take();
        assertEquals(1000, read.length());
        assertTrue(read.fin(), "the FIN that came before the session was established is not lost");
        assertEquals(0, pair.client.receiveBudget().held());
    }

    @Test
    void closingASessionDropsWhatItsStreamsHeldForTheirReaders() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.server.onIncomingStream(CLIENT_UNI, 0);
        pair.server.stream(CLIENT_UNI).receive().onData(new ByteChunk(new byte[5000]));
        pair.server.stream(CLIENT_UNI).receive().onFin();
        assertEquals(5000, pair.server.receiveBudget().held(), "finished but unread: still held");
        pair.server.closeSession(0, 0, "");
        assertEquals(0, pair.server.receiveBudget().held());
    }

    @Test
    void streamsCannotBeOpenedOnASessionThatIsNotEstablished() {
        WtPair pair = new WtPair().negotiated();
        assertThrows(IllegalStateException.class, () -> pair.client.onLocalStreamOpened(CLIENT_BIDI, 0));
    }

    @Test
    void aMalformedStreamHeaderClosesTheConnectionWithItsCode() {
        WtPair pair = new WtPair().negotiated();
        pair.server.onStreamHeaderError(CLIENT_BIDI, new WireException(ErrorCodes.H3_ID_ERROR, "session id 5 is not a bidi stream"));
        Command.CloseConnection close = (Command.CloseConnection) pair.server.pollCommand();
        assertEquals(ErrorCodes.H3_ID_ERROR, close.http3ErrorCode());
    }

    @Test
    void aClosedStreamIsForgotten() {
        WtPair pair = new WtPair().negotiated();
        pair.establish(0);
        pair.server.onIncomingStream(CLIENT_BIDI, 0);
        pair.server.onStreamClosed(CLIENT_BIDI);
        assertNull(pair.server.stream(CLIENT_BIDI));
        pair.server.closeSession(0, 0, "");
        pair.pump();
        assertTrue(pair.serverStreamCommands.stream().noneMatch(c -> switch (c) {
            case Command.ResetStream r -> r.streamId() == CLIENT_BIDI;
            case Command.StopSending r -> r.streamId() == CLIENT_BIDI;
            default -> false;
        }), "a forgotten stream gets no WT_SESSION_GONE");
    }
}
