package net.webtransport.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatagramTest {

    private static byte[] header(long sessionId) {
        ByteBuffer out = ByteBuffer.allocate(HttpDatagram.headerLength(sessionId));
        HttpDatagram.writeHeader(out, sessionId);
        assertEquals(0, out.remaining());
        return out.array();
    }

    @Test
    void datagramStartsWithTheQuarterStreamIdOfTheSession() {
        assertArrayEquals(new byte[] {0x00}, header(0));
        assertArrayEquals(new byte[] {0x01}, header(4));
        assertArrayEquals(new byte[] {0x3f}, header(252));
        assertArrayEquals(HexFormat.of().parseHex("4040"), header(256));
        assertEquals(1, HttpDatagram.headerLength(252));
        assertEquals(2, HttpDatagram.headerLength(256));
        assertEquals(8, HttpDatagram.headerLength(VarInt.MAX_VALUE - 3));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 6, -4, VarInt.MAX_VALUE + 1})
    void onlyClientInitiatedBidirectionalStreamIdsCanCarryDatagrams(long sessionId) {
        assertThrows(IllegalArgumentException.class, () -> HttpDatagram.headerLength(sessionId));
        assertThrows(IllegalArgumentException.class, () -> HttpDatagram.writeHeader(ByteBuffer.allocate(8), sessionId));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 4, 252, 256, 65536, VarInt.MAX_VALUE - 3})
    void receiverRecoversTheSessionIdAndIsLeftAtThePayload(long sessionId) throws WireException {
        ByteBuffer datagram = ByteBuffer.allocate(HttpDatagram.headerLength(sessionId) + 3);
        HttpDatagram.writeHeader(datagram, sessionId);
        datagram.put(new byte[] {7, 8, 9}).flip();
        assertEquals(sessionId, HttpDatagram.readSessionId(datagram));
        assertEquals(3, datagram.remaining());
        assertEquals(7, datagram.get());
    }

    @Test
    void emptyDatagramIsADatagramError() {
        WireException e = assertThrows(WireException.class, () -> HttpDatagram.readSessionId(ByteBuffer.allocate(0)));
        assertEquals(ErrorCodes.H3_DATAGRAM_ERROR, e.errorCode());
    }

    @Test
    void datagramEndingInsideTheQuarterStreamIdIsADatagramError() {
        ByteBuffer truncated = ByteBuffer.wrap(HexFormat.of().parseHex("c00000"));
        WireException e = assertThrows(WireException.class, () -> HttpDatagram.readSessionId(truncated));
        assertEquals(ErrorCodes.H3_DATAGRAM_ERROR, e.errorCode());
    }

    @Test
    void quarterStreamIdBeyondTheLargestStreamIdIsADatagramError() throws WireException {
        long largest = VarInt.MAX_VALUE / 4; // 2^60 - 1
        assertEquals(largest * 4, HttpDatagram.readSessionId(ByteBuffer.wrap(VarInt.encode(largest))));
        WireException e = assertThrows(WireException.class,
                () -> HttpDatagram.readSessionId(ByteBuffer.wrap(VarInt.encode(largest + 1))));
        assertEquals(ErrorCodes.H3_DATAGRAM_ERROR, e.errorCode());
    }
}
