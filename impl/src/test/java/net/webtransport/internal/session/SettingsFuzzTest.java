package net.webtransport.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.LinkedHashMap;
import java.util.Map;
import net.webtransport.internal.wire.SettingIds;
import net.webtransport.internal.wire.VarInt;

/**
 * Fuzzes what the session layer reads from the peer's SETTINGS (draft-ietf-webtrans-http3-16 §3.1,
 * §5.5, and the codepoints of earlier drafts): {@link PeerSupport} (dialect, datagrams, extended
 * CONNECT, the reason WebTransport cannot be used), {@link FlowControlSettings} and their effect on
 * a {@link WtConnection}. Any map of varint identifiers to varint values must be judged without an
 * exception, and the judgement must follow the draft's rules.
 */
class SettingsFuzzTest {

    private static final long[] IDS = {SettingIds.ENABLE_CONNECT_PROTOCOL, SettingIds.H3_DATAGRAM,
        SettingIds.H3_DATAGRAM_DRAFT04, SettingIds.WT_ENABLED, SettingIds.WT_ENABLE_DRAFT02,
        SettingIds.WT_MAX_SESSIONS_DRAFT07, SettingIds.WT_MAX_SESSIONS_DRAFT13, SettingIds.WT_INITIAL_MAX_DATA,
        SettingIds.WT_INITIAL_MAX_STREAMS_BIDI, SettingIds.WT_INITIAL_MAX_STREAMS_UNI};

    @FuzzTest
    void settings(FuzzedDataProvider data) {
        Map<Long, Long> s = new LinkedHashMap<>();
        int n = data.consumeInt(0, 12);
        for (int i = 0; i < n; i++) {
            long id = data.consumeBoolean() ? IDS[data.consumeInt(0, IDS.length - 1)] : data.consumeLong(0, VarInt.MAX_VALUE);
            long value = data.consumeBoolean() ? data.consumeLong(0, 3) : data.consumeLong(0, VarInt.MAX_VALUE);
            s.put(id, value);
        }
        Role peerRole = data.consumeBoolean() ? Role.SERVER : Role.CLIENT;
        PeerSupport support = PeerSupport.of(s, peerRole);

        long wtEnabled = s.getOrDefault(SettingIds.WT_ENABLED, 0L);
        Dialect expected = wtEnabled == 1 ? Dialect.DRAFT_16
                : s.getOrDefault(SettingIds.WT_MAX_SESSIONS_DRAFT13, 0L) > 0 ? Dialect.DRAFT_13
                : s.getOrDefault(SettingIds.WT_MAX_SESSIONS_DRAFT07, 0L) > 0 ? Dialect.DRAFT_07
                : s.getOrDefault(SettingIds.WT_ENABLE_DRAFT02, 0L) == 1 ? Dialect.DRAFT_02 : null;
        assertEquals(expected, support.dialect());
        boolean datagrams = s.getOrDefault(SettingIds.H3_DATAGRAM, 0L) == 1 || s.getOrDefault(SettingIds.H3_DATAGRAM_DRAFT04, 0L) == 1;
        assertEquals(datagrams, support.datagrams());
        boolean connect = s.getOrDefault(SettingIds.ENABLE_CONNECT_PROTOCOL, 0L) == 1;
        assertEquals(connect, support.connectProtocol());
        boolean usable = wtEnabled <= 1 && expected != null && datagrams && (peerRole == Role.CLIENT || connect);
        assertEquals(usable, support.supported(), () -> s + " judged " + support);
        assertEquals(support.supported(), support.problem() == null);

        FlowControlSettings grant = FlowControlSettings.of(s);
        assertEquals(s.getOrDefault(SettingIds.WT_INITIAL_MAX_DATA, 0L), grant.maxData());
        assertTrue(grant.maxStreamsBidi() <= 1L << 60 && grant.maxStreamsUni() <= 1L << 60);
        boolean sent = s.getOrDefault(SettingIds.WT_INITIAL_MAX_DATA, 0L) > 0
                || s.getOrDefault(SettingIds.WT_INITIAL_MAX_STREAMS_BIDI, 0L) > 0
                || s.getOrDefault(SettingIds.WT_INITIAL_MAX_STREAMS_UNI, 0L) > 0;
        assertEquals(sent, grant.enables());

        // The connection that receives them.
        Role role = peerRole == Role.SERVER ? Role.CLIENT : Role.SERVER;
        FlowControlSettings local = data.consumeBoolean() ? FlowControlSettings.NONE
                : new FlowControlSettings(data.consumeLong(0, VarInt.MAX_VALUE), data.consumeLong(0, 1L << 60), data.consumeLong(0, 1L << 60));
        WtConnection conn = new WtConnection(role, WtConfig.DEFAULT.withFlowControl(local));
        conn.onPeerSettings(s);
        assertEquals(local.enables() && grant.enables(), conn.flowControlEnabled());
        assertEquals(new SessionEvent.Negotiated(support), conn.pollEvent());
        if (role == Role.CLIENT) {
            String refusal = conn.whyNoNewSession();
            if (support.supported()) {
                assertNull(refusal);
                conn.openSession(0, "a:1", "/", net.webtransport.transport.HttpFields.empty());
                assertEquals(support.dialect().upgradeToken(),
                        ((Command.SendHeaders) conn.pollCommand()).fields().get(":protocol"));
                if (conn.flowControlEnabled()) {
                    assertEquals(grant.maxData(), conn.sendCredit(0));
                }
            } else {
                assertNotNull(refusal);
            }
        }
        // What this endpoint sends back is well-formed: every value a varint.
        for (Map.Entry<Long, Long> e : conn.localSettings().entrySet()) {
            assertTrue(e.getKey() >= 0 && e.getKey() <= VarInt.MAX_VALUE && e.getValue() >= 0 && e.getValue() <= VarInt.MAX_VALUE);
        }
    }
}
