package net.webtransport.internal.wire;

import java.util.Map;

/**
 * HTTP/3 SETTINGS identifiers that WebTransport cares about: draft-ietf-webtrans-http3-16
 * ("Establishing a WebTransport-Capable HTTP/3 Connection", "Flow Control"), the legacy
 * codepoints of earlier drafts, RFC 9220 (extended CONNECT), RFC 9297 (HTTP datagrams) and the core
 * RFC 9114 / RFC 9204 settings (named so that logged SETTINGS frames are readable).
 */
public final class SettingIds {

    public static final long QPACK_MAX_TABLE_CAPACITY = 0x01;
    public static final long MAX_FIELD_SECTION_SIZE = 0x06;
    public static final long QPACK_BLOCKED_STREAMS = 0x07;
    public static final long ENABLE_CONNECT_PROTOCOL = 0x08;
    public static final long H3_DATAGRAM = 0x33;
    /** Pre-RFC codepoint (draft-ietf-masque-h3-datagram-04), still sent by some stacks. */
    public static final long H3_DATAGRAM_DRAFT04 = 0xffd277;
    /** SETTINGS_WT_ENABLED, draft-15 and later. */
    public static final long WT_ENABLED = 0x2c7cf000L;
    /** SETTINGS_ENABLE_WEBTRANSPORT, drafts 00 to 06. */
    public static final long WT_ENABLE_DRAFT02 = 0x2b603742L;
    /** SETTINGS_WEBTRANSPORT_MAX_SESSIONS, drafts 07 to 12. */
    public static final long WT_MAX_SESSIONS_DRAFT07 = 0xc671706aL;
    /** SETTINGS_WT_MAX_SESSIONS, drafts 13 and 14. */
    public static final long WT_MAX_SESSIONS_DRAFT13 = 0x14e9cd29L;
    public static final long WT_INITIAL_MAX_STREAMS_UNI = 0x2b64;
    public static final long WT_INITIAL_MAX_STREAMS_BIDI = 0x2b65;
    public static final long WT_INITIAL_MAX_DATA = 0x2b61;

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(QPACK_MAX_TABLE_CAPACITY, "SETTINGS_QPACK_MAX_TABLE_CAPACITY"),
            Map.entry(MAX_FIELD_SECTION_SIZE, "SETTINGS_MAX_FIELD_SECTION_SIZE"),
            Map.entry(QPACK_BLOCKED_STREAMS, "SETTINGS_QPACK_BLOCKED_STREAMS"),
            Map.entry(ENABLE_CONNECT_PROTOCOL, "SETTINGS_ENABLE_CONNECT_PROTOCOL"),
            Map.entry(H3_DATAGRAM, "SETTINGS_H3_DATAGRAM"),
            Map.entry(H3_DATAGRAM_DRAFT04, "SETTINGS_H3_DATAGRAM_DRAFT04"),
            Map.entry(WT_ENABLED, "SETTINGS_WT_ENABLED"),
            Map.entry(WT_ENABLE_DRAFT02, "SETTINGS_ENABLE_WEBTRANSPORT"),
            Map.entry(WT_MAX_SESSIONS_DRAFT07, "SETTINGS_WEBTRANSPORT_MAX_SESSIONS"),
            Map.entry(WT_MAX_SESSIONS_DRAFT13, "SETTINGS_WT_MAX_SESSIONS"),
            Map.entry(WT_INITIAL_MAX_STREAMS_UNI, "SETTINGS_WT_INITIAL_MAX_STREAMS_UNI"),
            Map.entry(WT_INITIAL_MAX_STREAMS_BIDI, "SETTINGS_WT_INITIAL_MAX_STREAMS_BIDI"),
            Map.entry(WT_INITIAL_MAX_DATA, "SETTINGS_WT_INITIAL_MAX_DATA"));

    private SettingIds() {
    }

    /**
     * A readable name for {@code id}: the registered name, {@code GREASE(0x..)} for the reserved
     * identifiers 0x1f * N + 0x21 (RFC 9114 §7.2.4.1), otherwise the identifier in hex.
     */
    public static String name(long id) {
        String known = NAMES.get(id);
        if (known != null) {
            return known;
        }
        String hex = "0x" + Long.toHexString(id);
        // Settings share the grease pattern of error codes.
        return ErrorCodes.isReserved(id) ? "GREASE(" + hex + ")" : hex;
    }
}
