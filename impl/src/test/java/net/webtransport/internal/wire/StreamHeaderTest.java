package net.webtransport.internal.wire;

import static net.webtransport.internal.wire.WireBytes.bytes;
import static net.webtransport.internal.wire.WireBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamHeaderTest {

    @Test
    void unidirectionalStreamStartsWithType0x54ThenTheSessionId() {
        assertArrayEquals(hex("4054" + "00"), bytes(StreamHeader.uni(0)));
        assertArrayEquals(hex("4054" + "4040"), bytes(StreamHeader.uni(64)));
    }

    @Test
    void bidirectionalStreamStartsWithSignal0x41ThenTheSessionId() {
        assertArrayEquals(hex("4041" + "04"), bytes(StreamHeader.bidi(4)));
    }

    @Test
    void streamTypeAndSignalNeedTwoByteVarintsBecauseTheyExceed63() {
        assertEquals(2, VarInt.size(StreamHeader.UNI_STREAM_TYPE));
        assertEquals(2, VarInt.size(StreamHeader.BIDI_SIGNAL));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 4, 60, 64, 16380, 16384, 1L << 30, VarInt.MAX_VALUE - 3})
    void lengthMatchesBothHeaders(long sessionId) {
        assertEquals(StreamHeader.length(sessionId), StreamHeader.uni(sessionId).remaining());
        assertEquals(StreamHeader.length(sessionId), StreamHeader.bidi(sessionId).remaining());
        assertEquals(2 + VarInt.size(sessionId), StreamHeader.length(sessionId));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 4, 16384, VarInt.MAX_VALUE - 3})
    void receiverReadsTheSessionIdAfterTheType(long sessionId) throws WireException {
        ByteBuffer in = StreamHeader.uni(sessionId);
        assertEquals(StreamHeader.UNI_STREAM_TYPE, VarInt.read(in));
        assertEquals(sessionId, StreamHeader.readSessionId(in));
        assertEquals(0, in.remaining());
    }

    @Test
    void truncatedSessionIdIsIncompleteAndConsumesNothing() throws WireException {
        ByteBuffer in = ByteBuffer.wrap(hex("8000"));
        assertEquals(VarInt.INCOMPLETE, StreamHeader.readSessionId(in));
        assertEquals(0, in.position());
        assertEquals(VarInt.INCOMPLETE, StreamHeader.readSessionId(ByteBuffer.allocate(0)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 4097})
    void sessionIdThatIsNotAClientInitiatedBidirectionalStreamIsAnIdError(long sessionId) {
        ByteBuffer in = ByteBuffer.wrap(VarInt.encode(sessionId));
        WireException e = assertThrows(WireException.class, () -> StreamHeader.readSessionId(in));
        assertEquals(ErrorCodes.H3_ID_ERROR, e.errorCode());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, -4, VarInt.MAX_VALUE + 1})
    void senderCannotNameAnInvalidSession(long sessionId) {
        assertThrows(IllegalArgumentException.class, () -> StreamHeader.uni(sessionId));
        assertThrows(IllegalArgumentException.class, () -> StreamHeader.bidi(sessionId));
        assertThrows(IllegalArgumentException.class, () -> StreamHeader.length(sessionId));
    }
}
