package net.webtransport.internal.wire;

import java.util.Map;

/**
 * Error codes used on the wire: the HTTP/3 codes of RFC 9114 §8.1 (plus H3_DATAGRAM_ERROR from
 * RFC 9297), the WebTransport codes of draft-ietf-webtrans-http3-16 ("IANA Considerations"),
 * and the draft-16 "Resetting Data Streams" mapping of 32-bit application error codes into the
 * HTTP/3 error code space, which skips the reserved (greased) codepoints 0x1f * N + 0x21.
 */
public final class ErrorCodes {

    public static final long H3_DATAGRAM_ERROR = 0x33;
    public static final long H3_NO_ERROR = 0x100;
    public static final long H3_GENERAL_PROTOCOL_ERROR = 0x101;
    public static final long H3_INTERNAL_ERROR = 0x102;
    public static final long H3_STREAM_CREATION_ERROR = 0x103;
    public static final long H3_CLOSED_CRITICAL_STREAM = 0x104;
    public static final long H3_FRAME_UNEXPECTED = 0x105;
    public static final long H3_FRAME_ERROR = 0x106;
    public static final long H3_EXCESSIVE_LOAD = 0x107;
    public static final long H3_ID_ERROR = 0x108;
    public static final long H3_SETTINGS_ERROR = 0x109;
    public static final long H3_MISSING_SETTINGS = 0x10a;
    public static final long H3_REQUEST_REJECTED = 0x10b;
    public static final long H3_REQUEST_CANCELLED = 0x10c;
    public static final long H3_REQUEST_INCOMPLETE = 0x10d;
    public static final long H3_MESSAGE_ERROR = 0x10e;
    public static final long H3_CONNECT_ERROR = 0x10f;
    public static final long H3_VERSION_FALLBACK = 0x110;

    public static final long WT_BUFFERED_STREAM_REJECTED = 0x3994bd84L;
    public static final long WT_SESSION_GONE = 0x170d7b68L;
    public static final long WT_FLOW_CONTROL_ERROR = 0x045d4487L;
    public static final long WT_ALPN_ERROR = 0x0817b3ddL;
    public static final long WT_REQUIREMENTS_NOT_MET = 0x212c0d48L;

    /** HTTP/3 code carrying application error code 0. */
    public static final long FIRST_APPLICATION_CODE = 0x52e4a40fa8dbL;
    /** HTTP/3 code carrying application error code {@link #MAX_APPLICATION_ERROR}. */
    public static final long LAST_APPLICATION_CODE = 0x52e5ac983162L;
    /** WebTransport application error codes are unsigned 32-bit integers. */
    public static final long MAX_APPLICATION_ERROR = 0xffffffffL;
    /** Returned by {@link #fromHttp3} for a code that carries no application error code. */
    public static final long NO_APPLICATION_CODE = -1;

    // RFC 9114 §8.1: codes of the form 0x1f * N + 0x21 are reserved for greasing.
    private static final long RESERVED_BASE = 0x21;
    private static final long RESERVED_STEP = 0x1f;
    // Between two reserved codepoints there are 0x1e usable ones.
    private static final long USABLE_RUN = 0x1e;

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(H3_DATAGRAM_ERROR, "H3_DATAGRAM_ERROR"),
            Map.entry(H3_NO_ERROR, "H3_NO_ERROR"),
            Map.entry(H3_GENERAL_PROTOCOL_ERROR, "H3_GENERAL_PROTOCOL_ERROR"),
            Map.entry(H3_INTERNAL_ERROR, "H3_INTERNAL_ERROR"),
            Map.entry(H3_STREAM_CREATION_ERROR, "H3_STREAM_CREATION_ERROR"),
            Map.entry(H3_CLOSED_CRITICAL_STREAM, "H3_CLOSED_CRITICAL_STREAM"),
            Map.entry(H3_FRAME_UNEXPECTED, "H3_FRAME_UNEXPECTED"),
            Map.entry(H3_FRAME_ERROR, "H3_FRAME_ERROR"),
            Map.entry(H3_EXCESSIVE_LOAD, "H3_EXCESSIVE_LOAD"),
            Map.entry(H3_ID_ERROR, "H3_ID_ERROR"),
            Map.entry(H3_SETTINGS_ERROR, "H3_SETTINGS_ERROR"),
            Map.entry(H3_MISSING_SETTINGS, "H3_MISSING_SETTINGS"),
            Map.entry(H3_REQUEST_REJECTED, "H3_REQUEST_REJECTED"),
            Map.entry(H3_REQUEST_CANCELLED, "H3_REQUEST_CANCELLED"),
            Map.entry(H3_REQUEST_INCOMPLETE, "H3_REQUEST_INCOMPLETE"),
            Map.entry(H3_MESSAGE_ERROR, "H3_MESSAGE_ERROR"),
            Map.entry(H3_CONNECT_ERROR, "H3_CONNECT_ERROR"),
            Map.entry(H3_VERSION_FALLBACK, "H3_VERSION_FALLBACK"),
            Map.entry(WT_BUFFERED_STREAM_REJECTED, "WT_BUFFERED_STREAM_REJECTED"),
            Map.entry(WT_SESSION_GONE, "WT_SESSION_GONE"),
            Map.entry(WT_FLOW_CONTROL_ERROR, "WT_FLOW_CONTROL_ERROR"),
            Map.entry(WT_ALPN_ERROR, "WT_ALPN_ERROR"),
            Map.entry(WT_REQUIREMENTS_NOT_MET, "WT_REQUIREMENTS_NOT_MET"));

    private ErrorCodes() {
    }

    /** @throws IllegalArgumentException unless {@code http3Code} is a QUIC error code, 0 to 2<sup>62</sup>-1 */
    public static void checkHttp3(long http3Code) {
        if (http3Code < 0 || http3Code > VarInt.MAX_VALUE) {
            throw new IllegalArgumentException("not an HTTP/3 error code (0 to 2^62-1): " + http3Code);
        }
    }

    /** HTTP/3 error code that carries the 32-bit WebTransport application error code. */
    public static long toHttp3(long applicationCode) {
        if (applicationCode < 0 || applicationCode > MAX_APPLICATION_ERROR) {
            throw new IllegalArgumentException("not a 32-bit application error code: " + applicationCode);
        }
        // Every run of 0x1e usable codes is followed by one reserved code that must be stepped over.
        return FIRST_APPLICATION_CODE + applicationCode + applicationCode / USABLE_RUN;
    }

    /**
     * The application error code carried by an HTTP/3 error code, or {@link #NO_APPLICATION_CODE}
     * if the code lies outside the WebTransport range or is a reserved codepoint (draft-16 says such
     * a reset is still honoured, just without an application code).
     */
    public static long fromHttp3(long http3Code) {
        if (http3Code < FIRST_APPLICATION_CODE || http3Code > LAST_APPLICATION_CODE || isReserved(http3Code)) {
            return NO_APPLICATION_CODE;
        }
        long shifted = http3Code - FIRST_APPLICATION_CODE;
        return shifted - shifted / RESERVED_STEP;
    }

    /** Whether {@code http3Code} is a reserved (grease) codepoint 0x1f * N + 0x21, RFC 9114 §8.1. */
    public static boolean isReserved(long http3Code) {
        return http3Code >= RESERVED_BASE && (http3Code - RESERVED_BASE) % RESERVED_STEP == 0;
    }

    /**
     * A readable name for log and exception messages: the registered name, {@code
     * WT_APPLICATION(0x2a)} for a mapped application code, otherwise the code in hex.
     */
    public static String name(long code) {
        String known = NAMES.get(code);
        if (known != null) {
            return known;
        }
        long app = fromHttp3(code);
        if (app != NO_APPLICATION_CODE) {
            return "WT_APPLICATION(0x" + Long.toHexString(app) + ")";
        }
        return "0x" + Long.toHexString(code);
    }
}
