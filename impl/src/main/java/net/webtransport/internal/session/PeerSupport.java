package net.webtransport.internal.session;

import java.util.Map;
import net.webtransport.internal.wire.SettingIds;

/**
 * What the peer's SETTINGS say about WebTransport (draft-ietf-webtrans-http3-16 §3.1, RFC 9220,
 * RFC 9297).
 *
 * @param dialect     the newest WebTransport draft the peer announced, or null if none
 * @param datagrams   whether the peer sent SETTINGS_H3_DATAGRAM = 1 (RFC 9297, or the draft-04 codepoint)
 * @param connectProtocol whether the peer sent SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 9220)
 * @param problem     why WebTransport cannot be used with this peer, or null if it can
 */
public record PeerSupport(Dialect dialect, boolean datagrams, boolean connectProtocol, String problem) {

    /**
     * Judges the peer's settings. A server must offer extended CONNECT; both sides must announce
     * HTTP datagrams and a WebTransport dialect. A WT_ENABLED value above 1 is a connection error
     * for a client (draft-16 §3.1), reported here as a problem.
     *
     * @param peerRole the role of the peer that sent the settings
     */
    public static PeerSupport of(Map<Long, Long> settings, Role peerRole) {
        boolean datagrams = is(settings, SettingIds.H3_DATAGRAM, 1) || is(settings, SettingIds.H3_DATAGRAM_DRAFT04, 1);
        boolean connect = is(settings, SettingIds.ENABLE_CONNECT_PROTOCOL, 1);
        Dialect dialect = null;
        long wtEnabled = settings.getOrDefault(SettingIds.WT_ENABLED, 0L);
        if (wtEnabled == 1) {
            dialect = Dialect.DRAFT_16;
        } else if (settings.getOrDefault(SettingIds.WT_MAX_SESSIONS_DRAFT13, 0L) > 0) {
            dialect = Dialect.DRAFT_13;
        } else if (settings.getOrDefault(SettingIds.WT_MAX_SESSIONS_DRAFT07, 0L) > 0) {
            dialect = Dialect.DRAFT_07;
        } else if (is(settings, SettingIds.WT_ENABLE_DRAFT02, 1)) {
            dialect = Dialect.DRAFT_02;
        }
        String problem = null;
        if (wtEnabled > 1) {
            problem = "SETTINGS_WT_ENABLED has the invalid value " + wtEnabled;
        } else if (dialect == null) {
            problem = "the peer's SETTINGS announce no WebTransport support";
        } else if (!datagrams) {
            problem = "the peer's SETTINGS do not enable HTTP datagrams (SETTINGS_H3_DATAGRAM)";
        } else if (peerRole == Role.SERVER && !connect) {
            problem = "the server's SETTINGS do not enable extended CONNECT (SETTINGS_ENABLE_CONNECT_PROTOCOL)";
        }
        return new PeerSupport(dialect, datagrams, connect, problem);
    }

    public boolean supported() {
        return problem == null;
    }

    private static boolean is(Map<Long, Long> settings, long id, long value) {
        Long v = settings.get(id);
        return v != null && v == value;
    }
}
