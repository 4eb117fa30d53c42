package net.webtransport.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Coverage-guided fuzz targets (Jazzer) for every parser in this package. A plain {@code mvn verify}
 * replays the corpus under {@code src/test/resources/net/webtransport/internal/wire/WireFuzzTestInputs/};
 * {@code impl/fuzz.sh WireFuzzTest#method seconds} fuzzes one target (see the README, "Fuzzing").
 * Each target checks properties that must hold for any input, not just "no crash".
 */
class WireFuzzTest {

    /** What the parsers may report for malformed input: nothing else may escape. */
    private static final Set<Long> CAPSULE_ERRORS = Set.of(ErrorCodes.H3_MESSAGE_ERROR, ErrorCodes.WT_FLOW_CONTROL_ERROR);

    /** Largest partial capsule the parser may hold once next() returned null: 16 header bytes + 1028 value bytes. */
    private static final long MAX_HELD = 16 + CloseSessionCapsule.MAX_VALUE_LENGTH;

    @FuzzTest
    void varInt(FuzzedDataProvider data) throws Exception {
        // Round trip of an arbitrary value in range.
        long value = data.consumeLong(0, VarInt.MAX_VALUE);
        byte[] encoded = VarInt.encode(value);
        assertEquals(VarInt.size(value), encoded.length);
        ByteBuffer in = ByteBuffer.wrap(encoded);
        assertEquals(value, VarInt.readMinimal(in));
        assertFalse(in.hasRemaining());
        // Any shorter prefix is incomplete and consumes nothing.
        ByteBuffer prefix = ByteBuffer.wrap(encoded, 0, data.consumeInt(0, encoded.length - 1));
        assertEquals(VarInt.INCOMPLETE, VarInt.read(prefix));
        assertEquals(0, prefix.position());

        // Decoding arbitrary bytes.
        byte[] raw = data.consumeRemainingAsBytes();
        ByteBuffer buf = ByteBuffer.wrap(raw);
        long v = VarInt.read(buf);
        if (raw.length == 0) {
            assertEquals(VarInt.INCOMPLETE, v);
            return;
        }
        int announced = VarInt.peekLength(ByteBuffer.wrap(raw));
        if (raw.length < announced) {
            assertEquals(VarInt.INCOMPLETE, v);
            assertEquals(0, buf.position());
            return;
        }
        assertTrue(v >= 0 && v <= VarInt.MAX_VALUE, "decoded " + v);
        assertEquals(announced, buf.position());
        assertEquals(v, VarInt.read(ByteBuffer.wrap(VarInt.encode(v))));
        ByteBuffer strict = ByteBuffer.wrap(raw);
        try {
            assertEquals(v, VarInt.readMinimal(strict));
            assertEquals(VarInt.size(v), announced, "a non-minimal encoding was accepted");
        } catch (WireException e) {
            assertEquals(ErrorCodes.H3_FRAME_ERROR, e.errorCode());
            assertTrue(VarInt.size(v) < announced, "a minimal encoding was refused");
            assertEquals(0, strict.position());
        }
    }

    @FuzzTest
    void streamHeader(FuzzedDataProvider data) {
        long id = data.consumeLong(0, VarInt.MAX_VALUE) & ~3L;
        boolean uni = data.consumeBoolean();
        ByteBuffer header = uni ? StreamHeader.uni(id) : StreamHeader.bidi(id);
        assertEquals(StreamHeader.length(id), header.remaining());
        try {
            assertEquals(uni ? StreamHeader.UNI_STREAM_TYPE : StreamHeader.BIDI_SIGNAL, VarInt.readMinimal(header));
            assertEquals(id, StreamHeader.readSessionId(header));
        } catch (WireException e) {
            fail("own header refused: " + e);
        }
        assertFalse(header.hasRemaining());

        byte[] raw = data.consumeRemainingAsBytes();
        ByteBuffer in = ByteBuffer.wrap(raw);
        try {
            long read = StreamHeader.readSessionId(in);
            if (read == VarInt.INCOMPLETE) {
                assertEquals(0, in.position());
            } else {
                assertEquals(0, read & 3);
                assertEquals(read, VarInt.read(ByteBuffer.wrap(raw)));
            }
        } catch (WireException e) {
            assertEquals(ErrorCodes.H3_ID_ERROR, e.errorCode());
            assertTrue((VarInt.read(ByteBuffer.wrap(raw)) & 3) != 0);
        }
    }

    @FuzzTest
    void httpDatagram(FuzzedDataProvider data) throws Exception {
        long id = data.consumeLong(0, VarInt.MAX_VALUE) & ~3L;
        byte[] payload = data.consumeBytes(64);
        ByteBuffer out = ByteBuffer.allocate(HttpDatagram.headerLength(id) + payload.length);
        HttpDatagram.writeHeader(out, id);
        out.put(payload).flip();
        assertEquals(id, HttpDatagram.readSessionId(out));
        assertEquals(ByteBuffer.wrap(payload), out);

        byte[] raw = data.consumeRemainingAsBytes();
        ByteBuffer in = ByteBuffer.wrap(raw);
        long quarter = VarInt.read(ByteBuffer.wrap(raw));
        try {
            long session = HttpDatagram.readSessionId(in);
            assertEquals(quarter * 4, session);
            assertEquals(0, session & 3);
            assertTrue(session <= VarInt.MAX_VALUE);
            assertEquals(raw.length - in.position(), in.remaining());
        } catch (WireException e) {
            assertEquals(ErrorCodes.H3_DATAGRAM_ERROR, e.errorCode());
            assertTrue(quarter == VarInt.INCOMPLETE || quarter > VarInt.MAX_VALUE / 4);
        }
    }

    @FuzzTest
    void errorCodes(FuzzedDataProvider data) {
        // Application codes: into the HTTP/3 range, never onto a reserved codepoint, and back.
        long app = data.consumeLong(0, ErrorCodes.MAX_APPLICATION_ERROR);
        long h3 = ErrorCodes.toHttp3(app);
        assertTrue(h3 >= ErrorCodes.FIRST_APPLICATION_CODE && h3 <= ErrorCodes.LAST_APPLICATION_CODE);
        assertFalse(ErrorCodes.isReserved(h3), "application code " + app + " mapped onto a reserved codepoint");
        assertEquals(app, ErrorCodes.fromHttp3(h3));
        if (app < ErrorCodes.MAX_APPLICATION_ERROR) {
            long next = ErrorCodes.toHttp3(app + 1);
            // Consecutive codes are adjacent unless exactly one reserved codepoint lies between them.
            assertTrue(next == h3 + 1 || (next == h3 + 2 && ErrorCodes.isReserved(h3 + 1)), app + " -> " + h3 + ", next " + next);
        }
        // Any HTTP/3 code: either no application code, or one that maps back to it exactly.
        long code = data.consumeLong(0, VarInt.MAX_VALUE);
        if (data.consumeBoolean()) {
            code = ErrorCodes.FIRST_APPLICATION_CODE + (code % (ErrorCodes.LAST_APPLICATION_CODE - ErrorCodes.FIRST_APPLICATION_CODE + 3)) - 1;
        }
        boolean reserved = code >= 0x21 && (code - 0x21) % 0x1f == 0;
        assertEquals(reserved, ErrorCodes.isReserved(code));
        long back = ErrorCodes.fromHttp3(code);
        boolean inRange = code >= ErrorCodes.FIRST_APPLICATION_CODE && code <= ErrorCodes.LAST_APPLICATION_CODE;
        if (!inRange || reserved) {
            // draft-16 "Resetting Data Streams": reserved codepoints carry no application code.
            assertEquals(ErrorCodes.NO_APPLICATION_CODE, back);
        } else {
            assertTrue(back >= 0 && back <= ErrorCodes.MAX_APPLICATION_ERROR);
            assertEquals(code, ErrorCodes.toHttp3(back));
        }
        ErrorCodes.checkHttp3(code);
        assertFalse(ErrorCodes.name(code).isEmpty());
    }

    @FuzzTest
    void capsuleParser(FuzzedDataProvider data) {
        int splits = data.consumeInt(0, 16);
        int[] cuts = new int[splits];
        for (int i = 0; i < splits; i++) {
            cuts[i] = data.consumeInt(0, 4096);
        }
        byte[] raw = data.consumeRemainingAsBytes();

        Outcome whole = new Outcome();
        CapsuleParser a = new CapsuleParser();
        a.feed(ByteBuffer.wrap(raw));
        whole.drain(a);

        Outcome chunked = new Outcome();
        CapsuleParser b = new CapsuleParser();
        int pos = 0;
        for (int cut : cuts) {
            int end = Math.min(raw.length, pos + cut);
            b.feed(ByteBuffer.wrap(raw, pos, end - pos));
            pos = end;
            chunked.drain(b);
        }
        b.feed(ByteBuffer.wrap(raw, pos, raw.length - pos));
        chunked.drain(b);

        assertEquals(whole.capsules, chunked.capsules);
        assertEquals(whole.error, chunked.error);
        assertEquals(a.isIdle(), b.isIdle());
        if (whole.error == null) {
            assertEquals(a.bufferedBytes(), b.bufferedBytes());
        }
        // Every interpreted capsule encodes back to bytes that parse to the same capsule.
        for (Capsule c : whole.capsules) {
            if (c instanceof UnknownCapsule) {
                continue;
            }
            CapsuleParser again = new CapsuleParser();
            again.feed(c.encode());
            try {
                assertEquals(c, again.next());
                assertTrue(again.isIdle());
            } catch (WireException e) {
                fail(c + " does not parse back: " + e);
            }
        }
    }

    /** What a parser produced: its capsules and the code of its error, if any. */
    private static final class Outcome {
        final List<Capsule> capsules = new ArrayList<>();
        Long error;

        void drain(CapsuleParser p) {
            if (error != null) {
                return;
            }
            try {
                Capsule c;
                while ((c = p.next()) != null) {
                    capsules.add(c);
                }
                assertTrue(p.bufferedBytes() <= MAX_HELD, "holds " + p.bufferedBytes() + " bytes");
            } catch (WireException e) {
                assertTrue(CAPSULE_ERRORS.contains(e.errorCode()), "unexpected code in " + e);
                error = e.errorCode();
                assertFalse(p.isIdle());
            }
        }
    }

    @FuzzTest
    void subprotocols(FuzzedDataProvider data) {
        int lines = data.consumeInt(0, 3);
        List<String> fieldLines = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            fieldLines.add(data.consumeAsciiString(data.consumeInt(0, 200)));
        }
        String choice = data.consumeRemainingAsAsciiString();

        List<String> offer = Subprotocols.parseOffer(fieldLines);
        for (String p : offer) {
            for (char c : p.toCharArray()) {
                assertTrue(c >= 0x20 && c <= 0x7e, "an SF String holds printable ASCII only");
            }
        }
        if (isValidOffer(offer)) {
            // Our own serialization of what we parsed parses back to it.
            assertEquals(offer, Subprotocols.parseOffer(List.of(Subprotocols.offerField(offer))));
        }
        Optional<String> chosen = Subprotocols.parseChoice(List.of(choice));
        if (chosen.isPresent() && isValidOffer(List.of(chosen.get()))) {
            assertEquals(chosen, Subprotocols.parseChoice(List.of(Subprotocols.choiceField(chosen.get()))));
        }
        String negotiated = Subprotocols.negotiated(offer, List.of(choice));
        assertTrue(negotiated.isEmpty() || offer.contains(negotiated));
        assertEquals(chosen.filter(offer::contains).orElse(""), negotiated);
        // The raw inputs as protocols: accepted exactly when checkOffer accepts them.
        List<String> asProtocols = fieldLines.stream().filter(s -> !s.isEmpty()).distinct().toList();
        if (isValidOffer(asProtocols)) {
            assertEquals(asProtocols, Subprotocols.parseOffer(List.of(Subprotocols.offerField(asProtocols))));
        }
    }

    private static boolean isValidOffer(List<String> protocols) {
        try {
            Subprotocols.checkOffer(protocols);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
