package net.webtransport.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SettingIdsTest {

    @Test
    void settingsHaveTheCodepointsOfDraft16AndItsPredecessors() {
        assertEquals(0x2c7cf000L, SettingIds.WT_ENABLED);
        assertEquals(0x2b603742L, SettingIds.WT_ENABLE_DRAFT02);
        assertEquals(0xc671706aL, SettingIds.WT_MAX_SESSIONS_DRAFT07);
        assertEquals(0x14e9cd29L, SettingIds.WT_MAX_SESSIONS_DRAFT13);
        assertEquals(0x2b64, SettingIds.WT_INITIAL_MAX_STREAMS_UNI);
        assertEquals(0x2b65, SettingIds.WT_INITIAL_MAX_STREAMS_BIDI);
        assertEquals(0x2b61, SettingIds.WT_INITIAL_MAX_DATA);
        assertEquals(0x08, SettingIds.ENABLE_CONNECT_PROTOCOL);
        assertEquals(0x33, SettingIds.H3_DATAGRAM);
        assertEquals(0xffd277, SettingIds.H3_DATAGRAM_DRAFT04);
    }

    @Test
    void namesAreReadable() {
        assertEquals("SETTINGS_WT_ENABLED", SettingIds.name(SettingIds.WT_ENABLED));
        assertEquals("SETTINGS_ENABLE_WEBTRANSPORT", SettingIds.name(0x2b603742L));
        assertEquals("SETTINGS_H3_DATAGRAM", SettingIds.name(0x33));
        assertEquals("GREASE(0x40)", SettingIds.name(0x40));
        assertEquals("0x1234", SettingIds.name(0x1234));
    }
}
