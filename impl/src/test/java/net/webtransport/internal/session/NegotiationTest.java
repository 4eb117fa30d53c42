package net.webtransport.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.webtransport.internal.wire.SettingIds;
import net.webtransport.transport.HttpFields;
import org.junit.jupiter.api.Test;

class NegotiationTest {

    @Test
    void theServerAnnouncesEveryWebTransportDialectExtendedConnectAndDatagrams() {
        Map<Long, Long> s = new WtConnection(Role.SERVER, WtConfig.DEFAULT).localSettings();
        assertEquals(1L, s.get(SettingIds.ENABLE_CONNECT_PROTOCOL));
        assertEquals(1L, s.get(SettingIds.H3_DATAGRAM));
        assertEquals(1L, s.get(SettingIds.WT_ENABLED));
        assertEquals(1L, s.get(SettingIds.WT_ENABLE_DRAFT02));
        assertTrue(s.get(SettingIds.WT_MAX_SESSIONS_DRAFT07) > 0);
        assertTrue(s.get(SettingIds.WT_MAX_SESSIONS_DRAFT13) > 0);
    }

    @Test
    void eachLegacyDialectIsRecognisedFromPeerSettings() {
        assertEquals(Dialect.DRAFT_02, PeerSupport.of(Map.of(0x8L, 1L, 0x33L, 1L, SettingIds.WT_ENABLE_DRAFT02, 1L), Role.SERVER).dialect());
        assertEquals(Dialect.DRAFT_07, PeerSupport.of(Map.of(0x8L, 1L, 0x33L, 1L, SettingIds.WT_MAX_SESSIONS_DRAFT07, 16L), Role.SERVER).dialect());
        assertEquals(Dialect.DRAFT_13, PeerSupport.of(Map.of(0x8L, 1L, 0x33L, 1L, SettingIds.WT_MAX_SESSIONS_DRAFT13, 1L), Role.SERVER).dialect());
        assertEquals(Dialect.DRAFT_16, PeerSupport.of(Map.of(0x8L, 1L, 0x33L, 1L, SettingIds.WT_ENABLED, 1L), Role.SERVER).dialect());
        assertTrue(PeerSupport.of(Map.of(0x8L, 1L, SettingIds.H3_DATAGRAM_DRAFT04, 1L, SettingIds.WT_ENABLE_DRAFT02, 1L), Role.SERVER).supported(),
                "the draft-04 H3_DATAGRAM codepoint still counts");
    }

    @Test
    void aServerWithoutWebTransportSettingsIsRejectedWithAClearReason() {
        PeerSupport plainH3 = PeerSupport.of(Map.of(0x8L, 1L, 0x33L, 1L), Role.SERVER);
        assertFalse(plainH3.supported());
        assertTrue(plainH3.problem().contains("no WebTransport"));
        PeerSupport noConnect = PeerSupport.of(Map.of(0x33L, 1L, SettingIds.WT_ENABLED, 1L), Role.SERVER);
        assertTrue(noConnect.problem().contains("extended CONNECT"));
        PeerSupport noDatagrams = PeerSupport.of(Map.of(0x8L, 1L, SettingIds.WT_ENABLED, 1L), Role.SERVER);
        assertTrue(noDatagrams.problem().contains("datagrams"));
        assertFalse(PeerSupport.of(Map.of(0x8L, 1L, 0x33L, 1L, SettingIds.WT_ENABLED, 2L), Role.SERVER).supported(),
                "a client treats SETTINGS_WT_ENABLED above 1 as an error");
    }

    @Test
    void aClientMustWaitForTheServersSettingsBeforeConnect() {
        WtConnection client = new WtConnection(Role.CLIENT, WtConfig.DEFAULT);
        assertThrows(IllegalStateException.class, () -> client.openSession(0, "a:1", "/", HttpFields.empty()));
        client.onPeerSettings(Map.of(0x8L, 1L, 0x33L, 1L));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> client.openSession(0, "a:1", "/", HttpFields.empty()));
        assertTrue(e.getMessage().contains("no WebTransport"));
    }

    @Test
    void theClientSendsTheUpgradeTokenOfTheServersNewestDialect() {
        WtPair pair = new WtPair().negotiated();
        HttpFields request = pair.client.openSession(0, "example.org:443", "/wt", HttpFields.empty());
        assertEquals("webtransport-h3", request.get(":protocol"));
        WtConnection legacy = new WtConnection(Role.CLIENT, WtConfig.DEFAULT);
        legacy.onPeerSettings(Map.of(0x8L, 1L, 0x33L, 1L, SettingIds.WT_MAX_SESSIONS_DRAFT07, 16L));
        assertEquals("webtransport", legacy.openSession(0, "a:1", "/", HttpFields.empty()).get(":protocol"));
    }

    @Test
    void theServerHoldsACONNECTUntilTheClientsSettingsArrive() {
        WtPair pair = new WtPair();
        pair.client.onPeerSettings(pair.server.localSettings());
        pair.client.openSession(0, "example.org:443", "/wt", HttpFields.empty());
        pair.pump();
        assertTrue(pair.events(pair.serverEvents, SessionEvent.SessionRequested.class).isEmpty());
        pair.server.onPeerSettings(pair.client.localSettings());
        pair.pump();
        List<SessionEvent.SessionRequested> requested = pair.events(pair.serverEvents, SessionEvent.SessionRequested.class);
        assertEquals(1, requested.size());
        assertEquals("/wt", requested.get(0).request().get(":path"));
    }

    @Test
    void aRequestThatIsNotAWebTransportConnectGets405() {
        WtPair pair = new WtPair().negotiated();
        pair.server.onRequestHeaders(0, HttpFields.of(":method", "GET", ":scheme", "https", ":authority", "a", ":path", "/"));
        Command.SendHeaders reply = (Command.SendHeaders) pair.server.pollCommand();
        assertEquals("405", reply.fields().get(":status"));
        assertTrue(reply.fin());
        pair.server.onRequestHeaders(4, HttpFields.of(":method", "CONNECT", ":protocol", "websocket", ":scheme", "https",
                ":authority", "a", ":path", "/"));
        assertEquals("405", ((Command.SendHeaders) pair.server.pollCommand()).fields().get(":status"));
    }

    @Test
    void aWebTransportConnectWithoutPathOrHttpsSchemeGets400() {
        WtPair pair = new WtPair().negotiated();
        pair.server.onRequestHeaders(0, HttpFields.of(":method", "CONNECT", ":protocol", "webtransport", ":scheme", "http",
                ":authority", "a", ":path", "/"));
        assertEquals("400", ((Command.SendHeaders) pair.server.pollCommand()).fields().get(":status"));
    }

    @Test
    void bothUpgradeTokensAreAccepted() {
        for (String token : new String[] {"webtransport-h3", "webtransport"}) {
            WtPair pair = new WtPair().negotiated();
            pair.server.onRequestHeaders(0, HttpFields.of(":method", "CONNECT", ":protocol", token, ":scheme", "https",
                    ":authority", "a", ":path", "/"));
            assertNull(pair.server.pollCommand(), token + " needs no immediate answer");
            assertTrue(pair.server.pollEvent() instanceof SessionEvent.SessionRequested, token);
        }
    }

    @Test
    void sessionsBeyondTheLimitAreRefusedWith429() {
        WtPair pair = new WtPair(new WtConfig(1, 16, 32, 16, 1024)).negotiated();
        pair.establish(0);
        pair.client.openSession(4, "a:1", "/", HttpFields.empty());
        pair.pump();
        List<SessionEvent.SessionRejected> rejected = pair.events(pair.clientEvents, SessionEvent.SessionRejected.class);
        assertEquals(1, rejected.size());
        assertEquals(429, rejected.get(0).status());
    }
}
