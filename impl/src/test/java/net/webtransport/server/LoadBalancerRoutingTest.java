package net.webtransport.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The public routing settings: defaults, copies, and refusals that say what is wrong. */
class LoadBalancerRoutingTest {

    @Test
    void defaultsAreRotationZeroSelfDescribedTwentyBytes() {
        byte[] id = {0x2a, 0x01};
        LoadBalancerRouting routing = LoadBalancerRouting.forServerId(id);
        id[0] = 0; // the routing kept a copy
        assertArrayEquals(new byte[] {0x2a, 0x01}, routing.serverId());
        assertEquals(0, routing.configRotation());
        assertEquals(20, routing.connectionIdLength());
        assertTrue(routing.lengthSelfDescription());

        LoadBalancerRouting changed = routing.withConfigRotation(3).withConnectionIdLength(9).withLengthSelfDescription(false);
        assertEquals(3, changed.configRotation());
        assertEquals(9, changed.connectionIdLength());
        assertFalse(changed.lengthSelfDescription());
        assertArrayEquals(new byte[] {0x2a, 0x01}, changed.serverId());
        assertEquals(0, routing.configRotation(), "the original is unchanged");
        assertEquals(changed, LoadBalancerRouting.forServerId(new byte[] {0x2a, 0x01}).withConfigRotation(3)
                .withConnectionIdLength(9).withLengthSelfDescription(false));
        assertEquals("QUIC-LB plaintext: server id 2a01, config rotation 0, length self-described, 20-byte IDs",
                routing.toString());
    }

    @Test
    void settingsThatDoNotFitAreRefused() {
        LoadBalancerRouting routing = LoadBalancerRouting.forServerId(new byte[4]);
        assertThrows(NullPointerException.class, () -> LoadBalancerRouting.forServerId(null));
        assertEquals("a QUIC-LB server id is 1 to 15 bytes, not 16",
                assertThrows(IllegalArgumentException.class, () -> LoadBalancerRouting.forServerId(new byte[16])).getMessage());
        assertEquals("the config rotation is 0 to 6 (7 marks connection IDs a balancer cannot route), not 7",
                assertThrows(IllegalArgumentException.class, () -> routing.withConfigRotation(7)).getMessage());
        assertEquals("a connection ID is at most 20 bytes (quiche's limit), not 21",
                assertThrows(IllegalArgumentException.class, () -> routing.withConnectionIdLength(21)).getMessage());
        assertEquals("a 8-byte connection ID has no room for the first octet, a 4-byte server id and a nonce of at least"
                        + " 4 bytes: it needs 9 bytes or a shorter server id",
                assertThrows(IllegalArgumentException.class, () -> routing.withConnectionIdLength(8)).getMessage());
    }
}
