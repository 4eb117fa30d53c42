package net.webtransport.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VarIntTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @ParameterizedTest(name = "{0} decodes to {1}")
    @CsvSource({
        "c2197c5eff14e88c, 151288809941952652",
        "9d7f3e7d, 494878333",
        "7bbd, 15293",
        "25, 37",
    })
    void decodesTheRfc9000AppendixA1Examples(String encoded, long value) throws WireException {
        ByteBuffer in = ByteBuffer.wrap(hex(encoded));
        assertEquals(value, VarInt.read(in));
        assertEquals(in.limit(), in.position());
        assertEquals(value, VarInt.readMinimal(ByteBuffer.wrap(hex(encoded))));
    }

    @ParameterizedTest(name = "{1} encodes to {0}")
    @CsvSource({
        "c2197c5eff14e88c, 151288809941952652",
        "9d7f3e7d, 494878333",
        "7bbd, 15293",
        "25, 37",
    })
    void encodesTheRfc9000AppendixA1ExamplesMinimally(String encoded, long value) {
        assertArrayEquals(hex(encoded), VarInt.encode(value));
    }

    @Test
    void acceptsTheNonMinimalTwoByteEncodingOf37FromAppendixA1() {
        ByteBuffer in = ByteBuffer.wrap(hex("4025"));
        assertEquals(37, VarInt.read(in));
        assertEquals(2, in.position());
    }

    @Test
    void readMinimalRejectsNonMinimalEncodingsWithFrameErrorAndKeepsThePosition() {
        ByteBuffer in = ByteBuffer.wrap(hex("4025"));
        WireException e = assertThrows(WireException.class, () -> VarInt.readMinimal(in));
        assertEquals(ErrorCodes.H3_FRAME_ERROR, e.errorCode());
        assertEquals(0, in.position());
        assertThrows(WireException.class, () -> VarInt.readMinimal(ByteBuffer.wrap(hex("c000000000000000"))));
        assertThrows(WireException.class, () -> VarInt.readMinimal(ByteBuffer.wrap(hex("80003fff"))));
    }

    @ParameterizedTest(name = "{0} takes {1} bytes")
    @CsvSource({
        "0, 1",
        "63, 1",
        "64, 2",
        "16383, 2",
        "16384, 4",
        "1073741823, 4",
        "1073741824, 8",
        "4611686018427387903, 8",
    })
    void usesTheShortestEncodingAtEveryLengthBoundary(long value, int size) throws WireException {
        assertEquals(size, VarInt.size(value));
        byte[] encoded = VarInt.encode(value);
        assertEquals(size, encoded.length);
        assertEquals(size, VarInt.peekLength(ByteBuffer.wrap(encoded)));
        assertEquals(value, VarInt.read(ByteBuffer.wrap(encoded)));
        assertEquals(value, VarInt.readMinimal(ByteBuffer.wrap(encoded)));
    }

    @Test
    void maxValueIsTwoToThe62MinusOne() {
        assertEquals(4611686018427387903L, VarInt.MAX_VALUE);
        assertArrayEquals(hex("ffffffffffffffff"), VarInt.encode(VarInt.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2197c5eff14e88c", "9d7f3e7d", "7bbd", "25"})
    void truncatedEncodingIsIncompleteAtEveryPrefixAndLeavesThePosition(String encoded) throws WireException {
        byte[] full = hex(encoded);
        for (int len = 0; len < full.length; len++) {
            // Start one byte into the buffer so the position check is not trivially zero.
            ByteBuffer in = ByteBuffer.allocate(len + 1);
            in.put((byte) 0x99).put(full, 0, len).flip();
            in.position(1);
            assertEquals(VarInt.INCOMPLETE, VarInt.read(in), "prefix of " + len + " bytes");
            assertEquals(1, in.position());
            assertEquals(VarInt.INCOMPLETE, VarInt.readMinimal(in));
            assertEquals(1, in.position());
        }
    }

    @Test
    void readStopsAtTheBufferLimitNotTheArrayEnd() {
        ByteBuffer in = ByteBuffer.wrap(hex("7bbd")).limit(1);
        assertEquals(VarInt.INCOMPLETE, VarInt.read(in));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE, 4611686018427387904L, Long.MAX_VALUE})
    void sizeRejectsValuesOutsideZeroToTwoToThe62MinusOne(long value) {
        assertThrows(IllegalArgumentException.class, () -> VarInt.size(value));
        assertThrows(IllegalArgumentException.class, () -> VarInt.encode(value));
        assertThrows(IllegalArgumentException.class, () -> VarInt.write(ByteBuffer.allocate(8), value));
    }

    @Test
    void writeWithoutRoomThrowsAndWritesNothing() {
        ByteBuffer out = ByteBuffer.allocate(3);
        assertThrows(BufferOverflowException.class, () -> VarInt.write(out, 16384));
        assertEquals(0, out.position());
    }

    @Test
    void byteOrderOfTheBufferDoesNotMatter() {
        ByteBuffer out = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        VarInt.write(out, 494878333);
        out.flip();
        assertEquals(494878333, VarInt.read(out.duplicate().order(ByteOrder.LITTLE_ENDIAN)));
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        assertArrayEquals(hex("9d7f3e7d"), bytes);
    }

    @Test
    void peekLengthReadsTheTwoHighBitsWithoutConsuming() {
        ByteBuffer in = ByteBuffer.wrap(hex("00" + "40" + "80" + "c0"));
        int[] expected = {1, 2, 4, 8};
        for (int i = 0; i < expected.length; i++) {
            in.position(i);
            assertEquals(expected[i], VarInt.peekLength(in));
            assertEquals(i, in.position());
        }
        assertThrows(BufferUnderflowException.class, () -> VarInt.peekLength(ByteBuffer.allocate(0)));
    }
}
