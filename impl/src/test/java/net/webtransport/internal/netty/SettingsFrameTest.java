package net.webtransport.internal.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http3.Http3SettingsFrame;
import java.util.Map;
import java.util.TreeMap;
import net.webtransport.internal.session.Role;
import net.webtransport.internal.session.WtConfig;
import net.webtransport.internal.session.WtConnection;
import org.junit.jupiter.api.Test;

/**
 * The exact SETTINGS frame the server sends: the union every WebTransport peer in the field needs
 * (Chromium's draft-02 and draft-07 dialects, Firefox's draft-02 setting, Safari's draft-13
 * WT_MAX_SESSIONS and initial flow-control settings, draft-15/16/17 clients' WT_ENABLED), with
 * extended CONNECT, RFC 9297 datagrams and no QPACK dynamic table.
 */
class SettingsFrameTest {

    static Map<Long, Long> sent(Role role) {
        Http3SettingsFrame frame = Http3Setup.localSettings(new WtConnection(role, WtConfig.DEFAULT).localSettings());
        Map<Long, Long> out = new TreeMap<>();
        frame.settings().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Test
    void theServerSendsExactlyTheseSettings() {
        Map<Long, Long> expected = new TreeMap<>(Map.ofEntries(
                Map.entry(0x01L, 0L),                  // QPACK_MAX_TABLE_CAPACITY: no dynamic table
                Map.entry(0x06L, 65536L),              // MAX_FIELD_SECTION_SIZE
                Map.entry(0x07L, 0L),                  // QPACK_BLOCKED_STREAMS
                Map.entry(0x08L, 1L),                  // SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 9220)
                Map.entry(0x33L, 1L),                  // SETTINGS_H3_DATAGRAM (RFC 9297)
                Map.entry(0x2c7cf000L, 1L),            // SETTINGS_WT_ENABLED, exactly 1 (draft-15 on)
                Map.entry(0x2b603742L, 1L),            // SETTINGS_ENABLE_WEBTRANSPORT (draft-02: Chromium, Firefox)
                Map.entry(0xc671706aL, 100L),          // SETTINGS_WEBTRANSPORT_MAX_SESSIONS (draft-07: Chromium)
                Map.entry(0x14e9cd29L, 100L),          // SETTINGS_WT_MAX_SESSIONS (draft-13/14: Safari)
                Map.entry(0x2b61L, 16L << 20),         // SETTINGS_WT_INITIAL_MAX_DATA
                Map.entry(0x2b65L, 100L),              // SETTINGS_WT_INITIAL_MAX_STREAMS_BIDI
                Map.entry(0x2b64L, 100L)));            // SETTINGS_WT_INITIAL_MAX_STREAMS_UNI
        assertEquals(expected, sent(Role.SERVER));
    }

    @Test
    void theClientSendsTheSameButExtendedConnect() {
        Map<Long, Long> expected = sent(Role.SERVER);
        expected.remove(0x08L);
        assertEquals(expected, sent(Role.CLIENT));
    }
}
