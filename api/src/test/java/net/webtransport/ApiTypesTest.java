package net.webtransport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The value types of the W3C API and the constructor's pure checks, without a network. */
class ApiTypesTest {

    @Test
    void aWebTransportErrorIsADomExceptionNamedWebTransportErrorWithSourceStreamByDefault() {
        WebTransportError e = new WebTransportError("x");
        assertInstanceOf(DOMException.class, e);
        assertEquals("WebTransportError", e.name());
        assertEquals(WebTransportErrorSource.STREAM, e.source());
        assertEquals(OptionalLong.empty(), e.streamErrorCode());
    }

    @Test
    void aStreamErrorCodeIsClampedToAnUnsignedLong() {
        assertEquals(OptionalLong.of(0xffffffffL), new WebTransportError("", WebTransportErrorSource.STREAM, 1L << 40).streamErrorCode());
        assertEquals(OptionalLong.of(0), new WebTransportError("", WebTransportErrorSource.STREAM, -5L).streamErrorCode());
    }

    @Test
    void theOptionsConstructorTakesSourceAndClampedCodeAndDefaultsToAStreamErrorWithoutCode() {
        WebTransportError session = new WebTransportError("m", new WebTransportErrorOptions(WebTransportErrorSource.SESSION, null));
        assertEquals(WebTransportErrorSource.SESSION, session.source());
        assertEquals(OptionalLong.empty(), session.streamErrorCode());
        WebTransportError stream = new WebTransportError("m", new WebTransportErrorOptions(null, 1L << 40));
        assertEquals(WebTransportErrorSource.STREAM, stream.source(), "source defaults to stream");
        assertEquals(OptionalLong.of(0xffffffffL), stream.streamErrorCode());
        assertEquals(WebTransportErrorSource.STREAM, new WebTransportError("m", WebTransportErrorOptions.DEFAULT).source());
    }

    @Test
    void domExceptionTypesCarryTheirSpecNames() {
        assertEquals("SyntaxError", new SyntaxError("").name());
        assertEquals("InvalidStateError", new InvalidStateError("").name());
        assertEquals("NotSupportedError", new NotSupportedError("").name());
        assertEquals("AbortError", new AbortError("").name());
        assertEquals("QuotaExceededError", new QuotaExceededError("").name());
        assertInstanceOf(IllegalArgumentException.class, new TypeError(""));
        assertInstanceOf(IllegalArgumentException.class, new RangeError(""));
    }

    @Test
    void aCloseCodeMustBeAnUnsignedLong() {
        assertThrows(RangeError.class, () -> new WebTransportCloseInfo(-1, ""));
        assertThrows(RangeError.class, () -> new WebTransportCloseInfo(1L << 32, ""));
        assertEquals(0xffffffffL, new WebTransportCloseInfo(0xffffffffL, "").closeCode());
    }

    @Test
    void aReasonIsCutTo1024Utf8BytesOnACharacterBoundary() {
        assertEquals("r".repeat(1022) + "\u00e9", ConstructorChecks.truncateReason("r".repeat(1022) + "\u00e9\u00e9"),
                "1022 + 2 bytes fit, the second two-byte character does not");
        assertEquals("r".repeat(1023), ConstructorChecks.truncateReason("r".repeat(1023) + "\u00e9"), "no half character");
        assertEquals("short", ConstructorChecks.truncateReason("short"));
        assertEquals("\uFFFD", ConstructorChecks.truncateReason("\uD800"), "a lone surrogate becomes U+FFFD, as a USVString");
    }

    @Test
    void forbiddenRequestHeadersAreDroppedAndOthersKeptLowercase() {
        List<Map.Entry<String, String>> kept = ConstructorChecks.requestHeaders(List.of(
                Map.entry("Cookie", "a=b"), Map.entry("Sec-Foo", "x"), Map.entry("Proxy-Bar", "y"), Map.entry("X-Test", " v ")));
        assertEquals(List.of(Map.entry("x-test", "v")), kept);
    }

    @Test
    void responseHeadersCombineRepeatedNamesAndHidePseudoHeadersTheProtocolAndCookies() {
        Headers h = ConstructorChecks.responseHeaders(List.of(Map.entry(":status", "200"), Map.entry("X-A", "1"),
                Map.entry("x-a", "2"), Map.entry("wt-protocol", "\"b\""), Map.entry("set-cookie", "c=d")));
        assertEquals("1, 2", h.get("X-A"));
        assertFalse(h.has(":status"));
        assertFalse(h.has("wt-protocol"));
        assertFalse(h.has("set-cookie"));
        assertEquals(Map.of("x-a", "1, 2"), h.entries());
    }
}
