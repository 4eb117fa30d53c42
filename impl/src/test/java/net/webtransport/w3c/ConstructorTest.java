package net.webtransport.w3c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.webtransport.NotSupportedError;
import net.webtransport.SyntaxError;
import net.webtransport.TypeError;
import net.webtransport.WebTransport;
import net.webtransport.WebTransportHash;
import net.webtransport.WebTransportOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The WebTransport constructor's checks (W3C §"new WebTransport(url, options)"), before any network. */
class ConstructorTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "no-scheme", "http://example.com/", "quic-transport://example.com/", "https://",
            "https://example.com/#fragment", "https://example.com/#", "https://example.com:999999/", "https://exa mple.com/"})
    void aUrlThatDoesNotParseIsNotHttpsHasNoHostABadPortOrAFragmentIsASyntaxError(String url) {
        assertThrows(SyntaxError.class, () -> new WebTransport(url));
    }

    @Test
    void aNullUrlIsASyntaxError() {
        assertThrows(SyntaxError.class, () -> new WebTransport(null));
    }

    @Test
    void protocolsThatAreEmptyNotAsciiRepeatedOrOver512CharactersAreASyntaxError() {
        for (List<String> protocols : List.of(List.of(""), List.of("\u8aa4"), List.of("test", "test"), List.of("a".repeat(513)))) {
            assertThrows(SyntaxError.class, () -> new WebTransport("https://localhost:1/",
                    WebTransportOptions.builder().protocols(protocols).build()), protocols.toString());
        }
    }

    @Test
    void certificateHashesOnAPooledConnectionAreNotSupported() {
        WebTransportOptions pooledWithHashes = WebTransportOptions.builder().allowPooling(true)
                .serverCertificateHashes(List.of(WebTransportHash.sha256(new byte[32]))).build();
        NotSupportedError e = assertThrows(NotSupportedError.class, () -> new WebTransport("https://localhost:1/", pooledWithHashes));
        assertEquals("NotSupportedError", e.name());
    }

    @Test
    void theProtocolsHeaderSetByHandInAnyCaseIsATypeError() {
        assertThrows(TypeError.class, () -> new WebTransport("https://localhost:1/",
                WebTransportOptions.builder().header("WT-Available-Protocols", "\"a\"").build()));
        assertThrows(TypeError.class, () -> new WebTransport("https://localhost:1/",
                WebTransportOptions.builder().header("bad name", "x").build()));
    }

    @Test
    void anticipatedStreamCountsOutsideAnUnsignedShortAreATypeError() {
        assertThrows(TypeError.class, () -> WebTransportOptions.builder().anticipatedConcurrentIncomingUnidirectionalStreams(65536));
        assertThrows(TypeError.class, () -> WebTransportOptions.builder().anticipatedConcurrentIncomingBidirectionalStreams(-1));
        assertThrows(TypeError.class, () -> WebTransportOptions.builder().datagramsReadableType("strings"));
    }

    @Test
    void supportsReliableOnlyIsFalseForAnHttp3OnlyStack() {
        assertEquals(false, WebTransport.supportsReliableOnly());
    }
}
