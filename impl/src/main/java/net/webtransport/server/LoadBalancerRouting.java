package net.webtransport.server;

import java.util.Objects;
import net.webtransport.internal.netty.ConnectionIdLayout;

/**
 * Connection IDs that a QUIC-LB load balancer can route to this server: the plaintext algorithm of
 * <a href="https://datatracker.ietf.org/doc/draft-ietf-quic-load-balancers/">draft-ietf-quic-load-balancers</a>,
 * given to {@link WebTransportServer.Builder#loadBalancerRouting(LoadBalancerRouting)}.
 *
 * {@snippet :
 * WebTransportServer.builder()
 *         .loadBalancerRouting(LoadBalancerRouting.forServerId(new byte[] {0x2a}).withConfigRotation(1))
 * }
 *
 * <p>Every connection ID the server issues then has this layout:
 * <ol>
 *   <li>byte 0, the first octet: the config rotation in its three high bits, and in its five low
 *       bits the ID's length minus one (length self-description, on by default) or unguessable bits;</li>
 *   <li>bytes 1 to <i>n</i>: the server id, as given;</li>
 *   <li>the rest, the nonce: when the server runs several event loops on one port, its first byte
 *       names the loop that owns the connection (so that a client whose address changed is handed
 *       back to it); all other bytes are HMAC-signed by Netty, unguessable without the server's key.</li>
 * </ol>
 * A balancer configured with the same server id length and config rotation reads the server id
 * from the destination connection ID of every short-header packet. The server id travels in clear:
 * QUIC-LB's encrypted algorithms are not implemented, so anyone on the path can tell which server a
 * connection is on.
 *
 * <p>There is deliberately no hook for connection IDs of the caller's own making: the server must
 * find its event loop's byte at a fixed place in every ID it issued, and must get the same ID again
 * for a retransmitted Initial (Netty asks for idempotent IDs), and neither can be checked of
 * arbitrary code; a balancer that needs another layout is a case for a new algorithm here.
 *
 * <p>Immutable. Each server behind one balancer needs a distinct server id of the same length.
 */
public final class LoadBalancerRouting {
    private final ConnectionIdLayout layout;

    private LoadBalancerRouting(ConnectionIdLayout layout) {
        this.layout = layout;
    }

    /**
     * Routing for {@code serverId}, with config rotation 0, length self-description on and
     * 20-byte connection IDs (the longest QUIC allows, which leaves the most unguessable bytes).
     *
     * @param serverId this server's id, 1 to 15 bytes (copied)
     * @return the routing
     * @throws IllegalArgumentException if the id is empty or longer than 15 bytes
     */
    public static LoadBalancerRouting forServerId(byte[] serverId) {
        Objects.requireNonNull(serverId, "serverId");
        return new LoadBalancerRouting(ConnectionIdLayout.quicLbPlaintext(serverId, 0, true, ConnectionIdLayout.MAX_LENGTH));
    }

    /**
     * This routing with another config rotation: the three high bits of each ID's first octet, which
     * let a balancer tell IDs of an old configuration from those of a new one while it changes.
     *
     * @param rotation 0 to 6 (7 is reserved for IDs a balancer cannot route)
     * @return the changed routing
     * @throws IllegalArgumentException if {@code rotation} is outside 0 to 6
     */
    public LoadBalancerRouting withConfigRotation(int rotation) {
        return new LoadBalancerRouting(ConnectionIdLayout.quicLbPlaintext(layout.serverId(), rotation,
                layout.lengthSelfDescription(), layout.length()));
    }

    /**
     * This routing with another connection ID length, for a balancer that expects a fixed one.
     *
     * @param length bytes: at least 1 + the server id's length + 4 (QUIC-LB's shortest nonce), at most 20
     * @return the changed routing
     * @throws IllegalArgumentException if the first octet, the server id and a 4-byte nonce do not
     *         fit, or {@code length} exceeds 20
     */
    public LoadBalancerRouting withConnectionIdLength(int length) {
        return new LoadBalancerRouting(ConnectionIdLayout.quicLbPlaintext(layout.serverId(), layout.configRotation(),
                layout.lengthSelfDescription(), length));
    }

    /**
     * This routing with length self-description on or off: on, the first octet's five low bits are
     * the ID's length minus one; off, they are unguessable bits like the nonce's.
     *
     * @param on whether the first octet describes the length
     * @return the changed routing
     */
    public LoadBalancerRouting withLengthSelfDescription(boolean on) {
        return new LoadBalancerRouting(ConnectionIdLayout.quicLbPlaintext(layout.serverId(), layout.configRotation(),
                on, layout.length()));
    }

    /**
     * The server id.
     *
     * @return a copy of the server id
     */
    public byte[] serverId() {
        return layout.serverId();
    }

    /**
     * The config rotation.
     *
     * @return 0 to 6
     */
    public int configRotation() {
        return layout.configRotation();
    }

    /**
     * The length of every connection ID the server issues.
     *
     * @return bytes, at most 20
     */
    public int connectionIdLength() {
        return layout.length();
    }

    /**
     * Whether the first octet's five low bits give the connection ID's length minus one.
     *
     * @return true if they do
     */
    public boolean lengthSelfDescription() {
        return layout.lengthSelfDescription();
    }

    /** The layout the server's connection-ID generator follows. */
    ConnectionIdLayout layout() {
        return layout;
    }

    /**
     * Equal when every setting is.
     *
     * @param o another object
     * @return whether {@code o} is a routing with the same server id, rotation, length and self-description
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof LoadBalancerRouting other && layout.equals(other.layout);
    }

    /**
     * A hash of the settings.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return layout.hashCode();
    }

    /**
     * The settings, for logs.
     *
     * @return such as {@code QUIC-LB plaintext: server id 2a, config rotation 1, length self-described, 20-byte IDs}
     */
    @Override
    public String toString() {
        return layout.toString();
    }
}
