package net.webtransport.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCodesTest {

    /** The RFC 9114 §8.1 grease rule, written out independently of the code under test. */
    private static boolean greased(long h) {
        return h >= 0x21 && (h - 0x21) % 0x1f == 0;
    }

    @Test
    void applicationCodeZeroMapsToTheFirstCodeOfTheRange() {
        assertEquals(0x52e4a40fa8dbL, ErrorCodes.toHttp3(0));
        assertEquals(ErrorCodes.FIRST_APPLICATION_CODE, ErrorCodes.toHttp3(0));
    }

    @Test
    void applicationCode0x1dMapsToFirstPlus0x1d() {
        assertEquals(0x52e4a40fa8f8L, ErrorCodes.toHttp3(0x1d));
    }

    @Test
    void applicationCode0x1eSkipsTheReservedCodepoint0x52e4a40fa8f9() {
        assertTrue(greased(0x52e4a40fa8f9L));
        assertEquals(0x52e4a40fa8faL, ErrorCodes.toHttp3(0x1e));
    }

    @Test
    void largest32BitApplicationCodeMapsToTheLastCodeOfTheRange() {
        assertEquals(0x52e5ac983162L, ErrorCodes.toHttp3(0xffffffffL));
        assertEquals(ErrorCodes.LAST_APPLICATION_CODE, ErrorCodes.toHttp3(ErrorCodes.MAX_APPLICATION_ERROR));
        assertEquals(0xffffffffL, ErrorCodes.fromHttp3(0x52e5ac983162L));
    }

    @Test
    void everyApplicationCodeFrom0To200RoundTripsAndAvoidsReservedCodepoints() {
        for (long n = 0; n <= 200; n++) {
            long h = ErrorCodes.toHttp3(n);
            assertFalse(greased(h), "n=" + n);
            assertEquals(n, ErrorCodes.fromHttp3(h), "n=" + n);
        }
    }

    @Test
    void applicationCodesAroundMultiplesOf0x1eRoundTrip() {
        List<Long> values = new ArrayList<>();
        for (long k = 1; k < 40; k++) {
            values.add(k * 0x1e - 1);
            values.add(k * 0x1e);
            values.add(k * 0x1e + 1);
        }
        long top = 0xffffffffL / 0x1e * 0x1e; // the last multiple below 2^32
        values.addAll(List.of(top - 1, top, top + 1, 0x7fffffffL, 0x80000000L, 0xfffffffeL, 0xffffffffL,
                123456789L, 0xdeadbeefL));
        for (long n : values) {
            long h = ErrorCodes.toHttp3(n);
            assertFalse(greased(h), "n=" + n);
            assertEquals(n, ErrorCodes.fromHttp3(h), "n=" + n);
        }
    }

    @Test
    void mappingCoversEveryNonReservedCodepointInOrderAtBothEndsOfTheRange() {
        long expected = 0;
        for (long h = ErrorCodes.FIRST_APPLICATION_CODE; h < ErrorCodes.FIRST_APPLICATION_CODE + 500; h++) {
            if (greased(h)) {
                assertEquals(ErrorCodes.NO_APPLICATION_CODE, ErrorCodes.fromHttp3(h));
            } else {
                assertEquals(expected, ErrorCodes.fromHttp3(h));
                assertEquals(h, ErrorCodes.toHttp3(expected));
                expected++;
            }
        }
        expected = 0xffffffffL;
        for (long h = ErrorCodes.LAST_APPLICATION_CODE; h > ErrorCodes.LAST_APPLICATION_CODE - 500; h--) {
            if (greased(h)) {
                assertEquals(ErrorCodes.NO_APPLICATION_CODE, ErrorCodes.fromHttp3(h));
            } else {
                assertEquals(expected, ErrorCodes.fromHttp3(h));
                assertEquals(h, ErrorCodes.toHttp3(expected));
                expected--;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0x52e4a40fa8f9L, 0x52e4a40fa918L, 0x52e4a40fa937L, 0x52e5ac983152L, 0x21, 0x40})
    void reservedCodepointsCarryNoApplicationCode(long h) {
        assertTrue(greased(h), "test value must really be 0x1f * N + 0x21");
        assertTrue(ErrorCodes.isReserved(h));
        if (h >= ErrorCodes.FIRST_APPLICATION_CODE) {
            assertEquals(ErrorCodes.NO_APPLICATION_CODE, ErrorCodes.fromHttp3(h));
        }
    }

    @Test
    void ordinaryHttp3CodesAreNotReserved() {
        assertFalse(ErrorCodes.isReserved(ErrorCodes.H3_NO_ERROR));
        assertFalse(ErrorCodes.isReserved(ErrorCodes.FIRST_APPLICATION_CODE));
        assertFalse(ErrorCodes.isReserved(ErrorCodes.LAST_APPLICATION_CODE));
        assertFalse(ErrorCodes.isReserved(0x02)); // 0x21 - 0x1f: N would be negative
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 0x100, 0x52e4a40fa8daL, 0x52e5ac983163L, 0x3994bd84L, -1, Long.MAX_VALUE})
    void codesOutsideTheApplicationRangeCarryNoApplicationCode(long h) {
        assertEquals(ErrorCodes.NO_APPLICATION_CODE, ErrorCodes.fromHttp3(h));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0x1_0000_0000L, Long.MIN_VALUE, Long.MAX_VALUE})
    void toHttp3RejectsCodesThatAreNot32BitUnsigned(long n) {
        assertThrows(IllegalArgumentException.class, () -> ErrorCodes.toHttp3(n));
    }

    @Test
    void webTransportErrorCodesHaveTheDraft16Values() {
        assertEquals(0x3994bd84L, ErrorCodes.WT_BUFFERED_STREAM_REJECTED);
        assertEquals(0x170d7b68L, ErrorCodes.WT_SESSION_GONE);
        assertEquals(0x045d4487L, ErrorCodes.WT_FLOW_CONTROL_ERROR);
        assertEquals(0x0817b3ddL, ErrorCodes.WT_ALPN_ERROR);
        assertEquals(0x212c0d48L, ErrorCodes.WT_REQUIREMENTS_NOT_MET);
    }

    @Test
    void namesAreReadable() {
        assertEquals("H3_MESSAGE_ERROR", ErrorCodes.name(0x10e));
        assertEquals("H3_DATAGRAM_ERROR", ErrorCodes.name(0x33));
        assertEquals("H3_VERSION_FALLBACK", ErrorCodes.name(0x110));
        assertEquals("WT_SESSION_GONE", ErrorCodes.name(ErrorCodes.WT_SESSION_GONE));
        assertEquals("WT_APPLICATION(0x2a)", ErrorCodes.name(ErrorCodes.toHttp3(0x2a)));
        assertEquals("WT_APPLICATION(0xffffffff)", ErrorCodes.name(ErrorCodes.LAST_APPLICATION_CODE));
        assertEquals("0x52e4a40fa8f9", ErrorCodes.name(0x52e4a40fa8f9L));
        assertEquals("0x1234", ErrorCodes.name(0x1234));
    }
}
