package net.webtransport.internal.wire;

import static net.webtransport.internal.wire.WireBytes.bytes;
import static net.webtransport.internal.wire.WireBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding side of the capsules and the close-message truncation rules. */
class CapsuleTest {

    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, 4 UTF-8 bytes

    static List<Capsule> samples() {
        return List.of(
                new CloseSessionCapsule(0, ""),
                new CloseSessionCapsule(0xffffffffL, "bye \u00e9\u20ac" + EMOJI),
                new DrainSessionCapsule(),
                new MaxDataCapsule(0),
                new MaxDataCapsule(VarInt.MAX_VALUE),
                new MaxStreamsCapsule(true, 100),
                new MaxStreamsCapsule(false, MaxStreamsCapsule.MAX_STREAMS),
                new DataBlockedCapsule(16384),
                new StreamsBlockedCapsule(true, 7),
                new StreamsBlockedCapsule(false, 1L << 30),
                new UnknownCapsule(0x17, 3),
                new UnknownCapsule(0x29 * 1000L + 0x17, 0));
    }

    @Test
    void everyCapsuleRoundTripsThroughTheParser() throws WireException {
        for (Capsule c : samples()) {
            ByteBuffer wire = c.encode();
            assertEquals(c.encodedLength(), wire.remaining(), c.toString());
            CapsuleParser parser = new CapsuleParser();
            parser.feed(wire);
            assertEquals(c, parser.next());
            assertEquals(null, parser.next());
            assertEquals(true, parser.isIdle());
        }
    }

    @Test
    void encodeReturnsAFlippedBufferOfExactlyEncodedLength() {
        for (Capsule c : samples()) {
            ByteBuffer b = c.encode();
            assertEquals(0, b.position());
            assertEquals(c.encodedLength(), b.limit());
            assertEquals(c.encodedLength(), b.capacity());
        }
    }

    @Test
    void closeSessionCapsuleIsType0x2843WithA32BitCodeThenUtf8Message() {
        ByteBuffer out = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        new CloseSessionCapsule(0x01020304L, "hi").writeTo(out);
        assertArrayEquals(hex("6843" + "06" + "01020304" + "6869"), bytes(out.flip()));
    }

    @Test
    void drainSessionCapsuleIsType0x78aeWithLengthZero() {
        assertArrayEquals(hex("800078ae" + "00"), bytes(new DrainSessionCapsule().encode()));
    }

    @Test
    void flowControlCapsulesCarryOneVarintWithTheDraft16Types() {
        assertArrayEquals(hex("990b4d3d" + "02" + "4040"), bytes(new MaxDataCapsule(64).encode()));
        assertArrayEquals(hex("990b4d3f" + "01" + "05"), bytes(new MaxStreamsCapsule(true, 5).encode()));
        assertArrayEquals(hex("990b4d40" + "01" + "05"), bytes(new MaxStreamsCapsule(false, 5).encode()));
        assertArrayEquals(hex("990b4d41" + "01" + "05"), bytes(new DataBlockedCapsule(5).encode()));
        assertArrayEquals(hex("990b4d43" + "01" + "05"), bytes(new StreamsBlockedCapsule(true, 5).encode()));
        assertArrayEquals(hex("990b4d44" + "01" + "05"), bytes(new StreamsBlockedCapsule(false, 5).encode()));
    }

    @Test
    void unknownCapsuleEncodesAZeroFilledValueForGreasing() {
        assertArrayEquals(hex("17" + "02" + "0000"), bytes(new UnknownCapsule(0x17, 2).encode()));
        assertThrows(ArithmeticException.class, () -> new UnknownCapsule(0x17, VarInt.MAX_VALUE).encodedLength());
    }

    @Test
    void closeMessageOfExactly1024BytesIsAllowed() {
        CloseSessionCapsule c = new CloseSessionCapsule(1, "a".repeat(1024));
        assertEquals(2 + 2 + 4 + 1024, c.encodedLength());
    }

    @Test
    void senderCannotBuildACloseMessageLongerThan1024Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new CloseSessionCapsule(1, "a".repeat(1025)));
        assertThrows(IllegalArgumentException.class, () -> new CloseSessionCapsule(1, "\u00e9".repeat(513)));
    }

    @Test
    void closeErrorCodeMustBeAnUnsigned32BitValue() {
        assertThrows(IllegalArgumentException.class, () -> new CloseSessionCapsule(-1, ""));
        assertThrows(IllegalArgumentException.class, () -> new CloseSessionCapsule(0x1_0000_0000L, ""));
        assertThrows(IllegalArgumentException.class, () -> new CloseSessionCapsule(0, null));
    }

    @Test
    void senderTruncatesTheCloseMessageOnACharacterBoundary() {
        String message = "a".repeat(1023) + EMOJI;
        CloseSessionCapsule c = CloseSessionCapsule.truncating(7, message);
        assertEquals("a".repeat(1023), c.message());
        assertEquals(1023, c.message().getBytes(StandardCharsets.UTF_8).length);
        assertEquals(7, c.errorCode());
    }

    @Test
    void truncationKeepsACharacterThatEndsExactlyAtTheLimit() {
        String message = "a".repeat(1020) + EMOJI + "b";
        assertEquals("a".repeat(1020) + EMOJI, CloseSessionCapsule.truncating(0, message).message());
    }

    @Test
    void truncationNeverSplitsTwoOrThreeByteCharacters() {
        assertEquals("\u00e9\u00e9", CloseSessionCapsule.truncateUtf8("\u00e9\u00e9\u00e9", 5));
        assertEquals("\u20ac", CloseSessionCapsule.truncateUtf8("\u20ac\u20ac", 5));
        assertEquals("", CloseSessionCapsule.truncateUtf8(EMOJI, 3));
        assertEquals(EMOJI, CloseSessionCapsule.truncateUtf8(EMOJI + EMOJI, 7));
    }

    @Test
    void truncationReturnsAStringThatAlreadyFitsUnchanged() {
        String s = "short";
        assertSame(s, CloseSessionCapsule.truncateUtf8(s, 1024));
        assertEquals("", CloseSessionCapsule.truncateUtf8("abc", 0));
        assertThrows(IllegalArgumentException.class, () -> CloseSessionCapsule.truncateUtf8("abc", -1));
    }

    @Test
    void loneSurrogatesAreSentAsTheReplacementCharacter() {
        CloseSessionCapsule c = new CloseSessionCapsule(0, "a\uD800b\uDC00");
        assertEquals("a\uFFFDb\uFFFD", c.message());
        // 1 + 3 + 1 + 3 message bytes after the 4-byte code, all counted in encodedLength.
        assertEquals(2 + 1 + 4 + 8, c.encodedLength());
        assertArrayEquals(hex("6843" + "0c" + "00000000" + "61efbfbd62efbfbd"), bytes(c.encode()));
    }

    @Test
    void truncationCountsALoneSurrogateAsThreeBytes() {
        String message = "a".repeat(1022) + "\uD800";
        CloseSessionCapsule c = CloseSessionCapsule.truncating(0, message);
        assertEquals("a".repeat(1022), c.message());
        String fits = "a".repeat(1021) + "\uD800";
        assertEquals("a".repeat(1021) + "\uFFFD", CloseSessionCapsule.truncating(0, fits).message());
    }

    @Test
    void maxStreamsAndStreamsBlockedCannotExceedTwoToThe60() {
        assertThrows(IllegalArgumentException.class, () -> new MaxStreamsCapsule(true, (1L << 60) + 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamsBlockedCapsule(false, (1L << 60) + 1));
        assertThrows(IllegalArgumentException.class, () -> new MaxDataCapsule(-1));
        assertThrows(IllegalArgumentException.class, () -> new DataBlockedCapsule(VarInt.MAX_VALUE + 1));
    }

    @Test
    void bidirectionalFlagSelectsTheCapsuleType() {
        assertEquals(0x190B4D3FL, new MaxStreamsCapsule(true, 1).type());
        assertEquals(0x190B4D40L, new MaxStreamsCapsule(false, 1).type());
        assertEquals(0x190B4D43L, new StreamsBlockedCapsule(true, 1).type());
        assertEquals(0x190B4D44L, new StreamsBlockedCapsule(false, 1).type());
    }
}
