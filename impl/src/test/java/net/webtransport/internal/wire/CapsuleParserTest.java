package net.webtransport.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Receiving side: the incremental capsule parser of the CONNECT stream body. */
class CapsuleParserTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** Type, length and value, with the length taken from the value. */
    private static byte[] capsule(long type, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(VarInt.encode(type));
        out.writeBytes(VarInt.encode(value.length));
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] closeValue(long code, byte[] message) {
        ByteBuffer b = ByteBuffer.allocate(4 + message.length);
        b.putInt((int) code).put(message);
        return b.array();
    }

    private static WireException failure(byte[] wire) {
        CapsuleParser parser = new CapsuleParser();
        parser.feed(ByteBuffer.wrap(wire));
        return assertThrows(WireException.class, parser::next);
    }

    private static List<Capsule> drain(CapsuleParser parser) throws WireException {
        List<Capsule> out = new ArrayList<>();
        for (Capsule c; (c = parser.next()) != null; ) {
            out.add(c);
        }
        return out;
    }

    @Test
    void capsulesFedOneByteAtATimeParseIdentically() throws WireException {
        List<Capsule> sent = CapsuleTest.samples();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        sent.forEach(c -> wire.writeBytes(c.encode().array()));
        CapsuleParser parser = new CapsuleParser();
        List<Capsule> received = new ArrayList<>();
        for (byte b : wire.toByteArray()) {
            parser.feed(ByteBuffer.wrap(new byte[] {b}));
            received.addAll(drain(parser));
            assertTrue(parser.bufferedBytes() <= 16 + CloseSessionCapsule.MAX_VALUE_LENGTH);
        }
        assertEquals(sent, received);
        assertTrue(parser.isIdle());
    }

    @Test
    void severalCapsulesInOneFeedAreReturnedInOrder() throws WireException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        CapsuleTest.samples().forEach(c -> wire.writeBytes(c.encode().array()));
        CapsuleParser parser = new CapsuleParser();
        parser.feed(ByteBuffer.wrap(wire.toByteArray()));
        assertEquals(CapsuleTest.samples(), drain(parser));
        assertTrue(parser.isIdle());
        assertEquals(0, parser.bufferedBytes());
    }

    @Test
    void feedCopiesTheBytesSoTheCallerMayReuseItsBuffer() throws WireException {
        ByteBuffer data = new MaxDataCapsule(1000).encode();
        CapsuleParser parser = new CapsuleParser();
        parser.feed(data);
        assertFalse(data.hasRemaining());
        data.clear();
        while (data.hasRemaining()) {
            data.put((byte) 0xff);
        }
        assertEquals(new MaxDataCapsule(1000), parser.next());
    }

    @Test
    void truncatedCapsuleIsNotReturnedAndTheStreamIsNotIdle() throws WireException {
        byte[] wire = new CloseSessionCapsule(5, "going away").encode().array();
        CapsuleParser parser = new CapsuleParser();
        assertTrue(parser.isIdle());
        parser.feed(ByteBuffer.wrap(wire, 0, wire.length - 1));
        assertNull(parser.next());
        assertFalse(parser.isIdle());
        assertEquals(wire.length - 1, parser.bufferedBytes());
        parser.feed(ByteBuffer.wrap(wire, wire.length - 1, 1));
        assertEquals(new CloseSessionCapsule(5, "going away"), parser.next());
        assertTrue(parser.isIdle());
    }

    @Test
    void bytesAfterACapsuleStayBufferedForTheCallerToNotice() throws WireException {
        ByteBuffer wire = ByteBuffer.allocate(32);
        new CloseSessionCapsule(0, "").writeTo(wire);
        wire.put((byte) 0x00).flip();
        CapsuleParser parser = new CapsuleParser();
        parser.feed(wire);
        assertInstanceOf(CloseSessionCapsule.class, parser.next());
        assertEquals(1, parser.bufferedBytes());
        assertFalse(parser.isIdle());
    }

    @Test
    void receiverAcceptsACloseMessageOf1024Bytes() throws WireException {
        byte[] wire = capsule(CloseSessionCapsule.TYPE, closeValue(9, "x".repeat(1024).getBytes()));
        CapsuleParser parser = new CapsuleParser();
        parser.feed(ByteBuffer.wrap(wire));
        assertEquals(new CloseSessionCapsule(9, "x".repeat(1024)), parser.next());
    }

    @Test
    void receiverRejectsCloseMessageLongerThan1024Bytes() {
        byte[] wire = capsule(CloseSessionCapsule.TYPE, closeValue(9, "x".repeat(1025).getBytes()));
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, failure(wire).errorCode());
    }

    @Test
    void oversizedCloseCapsuleIsRejectedAsSoonAsItsHeaderArrives() {
        ByteBuffer header = ByteBuffer.allocate(16);
        VarInt.write(header, CloseSessionCapsule.TYPE);
        VarInt.write(header, 4 + 1025);
        CapsuleParser parser = new CapsuleParser();
        parser.feed(header.flip());
        WireException e = assertThrows(WireException.class, parser::next);
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, e.errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c328", "c0af", "eda080", "e282", "ff", "f4908080"})
    void receiverRejectsACloseMessageThatIsNotValidUtf8(String badUtf8) {
        byte[] wire = capsule(CloseSessionCapsule.TYPE, closeValue(1, hex("41" + badUtf8)));
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, failure(wire).errorCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void closeCapsuleShorterThanItsErrorCodeIsMalformed(int length) {
        byte[] wire = capsule(CloseSessionCapsule.TYPE, new byte[length]);
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, failure(wire).errorCode());
    }

    @Test
    void closeErrorCodeIsReadAsUnsigned() throws WireException {
        CapsuleParser parser = new CapsuleParser();
        parser.feed(ByteBuffer.wrap(capsule(CloseSessionCapsule.TYPE, hex("ffffffff"))));
        assertEquals(new CloseSessionCapsule(0xffffffffL, ""), parser.next());
    }

    @Test
    void drainSessionCapsuleWithANonEmptyValueIsMalformed() {
        byte[] wire = capsule(DrainSessionCapsule.TYPE, new byte[1]);
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, failure(wire).errorCode());
    }

    @Test
    void unknownCapsuleWithAHugeLengthIsSkippedWithoutBufferingItsValue() throws WireException {
        long length = 10L << 20; // 10 MiB, fed in 64 KiB pieces
        ByteBuffer header = ByteBuffer.allocate(16);
        VarInt.write(header, 0x29 * 7L + 0x17); // a grease capsule type
        VarInt.write(header, length);
        CapsuleParser parser = new CapsuleParser();
        parser.feed(header.flip());
        assertNull(parser.next());
        byte[] piece = new byte[64 * 1024];
        for (long sent = 0; sent < length; sent += piece.length) {
            parser.feed(ByteBuffer.wrap(piece));
            assertEquals(0, parser.bufferedBytes());
            Capsule c = parser.next();
            if (sent + piece.length < length) {
                assertNull(c);
                assertFalse(parser.isIdle());
            } else {
                assertEquals(new UnknownCapsule(0x29 * 7L + 0x17, length), c);
            }
        }
        parser.feed(new DrainSessionCapsule().encode());
        assertEquals(new DrainSessionCapsule(), parser.next());
        assertTrue(parser.isIdle());
    }

    @Test
    void unknownCapsuleOfMaximalLengthNeverAccumulatesMemory() throws WireException {
        ByteBuffer header = ByteBuffer.allocate(16);
        VarInt.write(header, 0x3fff);
        VarInt.write(header, VarInt.MAX_VALUE);
        CapsuleParser parser = new CapsuleParser();
        parser.feed(header.flip());
        byte[] piece = new byte[100_000];
        for (int i = 0; i < 20; i++) {
            parser.feed(ByteBuffer.wrap(piece));
            assertNull(parser.next());
            assertEquals(0, parser.bufferedBytes());
        }
        assertFalse(parser.isIdle());
    }

    @Test
    void unknownCapsuleSharingAFeedWithTheNextCapsuleIsSkippedExactly() throws WireException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(capsule(0x1234, new byte[300]));
        wire.writeBytes(new MaxStreamsCapsule(false, 9).encode().array());
        byte[] bytes = wire.toByteArray();
        CapsuleParser parser = new CapsuleParser();
        // Split inside the unknown value so both the buffered and the direct skip paths run.
        parser.feed(ByteBuffer.wrap(bytes, 0, 100));
        assertNull(parser.next());
        parser.feed(ByteBuffer.wrap(bytes, 100, bytes.length - 100));
        assertEquals(List.of(new UnknownCapsule(0x1234, 300), new MaxStreamsCapsule(false, 9)), drain(parser));
    }

    @Test
    void maxStreamsAboveTwoToThe60IsAFlowControlError() {
        for (long type : new long[] {MaxStreamsCapsule.TYPE_BIDI, MaxStreamsCapsule.TYPE_UNI,
                StreamsBlockedCapsule.TYPE_BIDI, StreamsBlockedCapsule.TYPE_UNI}) {
            byte[] wire = capsule(type, VarInt.encode((1L << 60) + 1));
            assertEquals(ErrorCodes.WT_FLOW_CONTROL_ERROR, failure(wire).errorCode(), Long.toHexString(type));
        }
    }

    @Test
    void maxStreamsOfExactlyTwoToThe60IsAccepted() throws WireException {
        CapsuleParser parser = new CapsuleParser();
        parser.feed(ByteBuffer.wrap(capsule(MaxStreamsCapsule.TYPE_BIDI, VarInt.encode(1L << 60))));
        assertEquals(new MaxStreamsCapsule(true, 1L << 60), parser.next());
    }

    @Test
    void flowControlCapsuleWithATrailingByteIsMalformed() {
        byte[] wire = capsule(MaxDataCapsule.TYPE, hex("0500"));
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, failure(wire).errorCode());
    }

    @Test
    void flowControlCapsuleWhoseVarintRunsPastItsLengthIsMalformed() {
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, failure(capsule(DataBlockedCapsule.TYPE, hex("40"))).errorCode());
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, failure(capsule(DataBlockedCapsule.TYPE, new byte[0])).errorCode());
    }

    @Test
    void flowControlCapsuleLongerThanAnyVarintIsRejectedFromItsHeader() {
        ByteBuffer header = ByteBuffer.allocate(16);
        VarInt.write(header, MaxDataCapsule.TYPE);
        VarInt.write(header, 9);
        CapsuleParser parser = new CapsuleParser();
        parser.feed(header.flip());
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, assertThrows(WireException.class, parser::next).errorCode());
    }

    @Test
    void flowControlValueMayUseANonMinimalVarint() throws WireException {
        CapsuleParser parser = new CapsuleParser();
        parser.feed(ByteBuffer.wrap(capsule(MaxDataCapsule.TYPE, hex("c000000000000005"))));
        assertEquals(new MaxDataCapsule(5), parser.next());
    }

    @ParameterizedTest
    @ValueSource(longs = {CapsuleParser.WT_MAX_STREAM_DATA_TYPE, CapsuleParser.WT_STREAM_DATA_BLOCKED_TYPE})
    void http2OnlyFlowControlCapsulesAreASessionErrorOverHttp3(long type) {
        byte[] wire = capsule(type, hex("0405"));
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, failure(wire).errorCode());
    }

    @Test
    void errorsAreStickyAndLaterInputIsDropped() {
        CapsuleParser parser = new CapsuleParser();
        parser.feed(ByteBuffer.wrap(capsule(DrainSessionCapsule.TYPE, new byte[1])));
        assertThrows(WireException.class, parser::next);
        parser.feed(new DrainSessionCapsule().encode());
        assertEquals(0, parser.bufferedBytes());
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, assertThrows(WireException.class, parser::next).errorCode());
        assertFalse(parser.isIdle());
    }

    @Test
    void bufferShrinksBackAfterOneLargeFeedOfSmallCapsules() throws WireException {
        ByteBuffer wire = ByteBuffer.allocate(100_001);
        int count = 0;
        while (wire.remaining() >= 5) {
            new DrainSessionCapsule().writeTo(wire);
            count++;
        }
        wire.put((byte) 0x80).flip(); // the first byte of another drain capsule
        CapsuleParser parser = new CapsuleParser();
        parser.feed(wire);
        assertEquals(count, drain(parser).size());
        assertEquals(1, parser.bufferedBytes());
        parser.feed(ByteBuffer.wrap(hex("0078ae00")));
        assertEquals(new DrainSessionCapsule(), parser.next());
        assertTrue(parser.isIdle());
    }
}
