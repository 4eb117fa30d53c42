package net.webtransport.internal.netty;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where the parts of a connection ID the server issues sit. Plain: the whole ID is Netty's
 * HMAC-signed (or random) bytes. Routable: the plaintext layout of QUIC-LB
 * (draft-ietf-quic-load-balancers, its "plaintext CID algorithm"): a first octet whose three high
 * bits are the config rotation and whose five low bits are the ID's length minus one (when length
 * self-description is on; Netty's bytes otherwise), then the server id, then the nonce.
 *
 * <p>The nonce is what this server makes of the rest: when several sockets share the port its first
 * byte is the index of the socket that owns the connection ({@link #tagOffset()}, read by
 * {@link LoopRouting}), and everything after that stays Netty's signed bytes, so IDs remain
 * unguessable and the same Initial still gives the same ID. A plain layout puts that tag at byte 0,
 * as before routable IDs existed.
 *
 * <p>Immutable; validated when made, with a message that says what does not fit.
 */
public final class ConnectionIdLayout {
    /** The longest connection ID quiche (and QUIC version 1, RFC 9000 §17.2) takes. */
    public static final int MAX_LENGTH = 20;
    /** The longest server id QUIC-LB encodes. */
    public static final int MAX_SERVER_ID_LENGTH = 15;
    /** The shortest nonce QUIC-LB allows after the server id. */
    public static final int MIN_NONCE_LENGTH = 4;
    /** The highest config rotation a routable ID may carry; 0b111 marks IDs a balancer cannot route. */
    public static final int MAX_CONFIG_ROTATION = 6;

    /** Netty's bytes throughout, {@link #MAX_LENGTH} long: what the server issued before routable IDs. */
    public static final ConnectionIdLayout PLAIN = new ConnectionIdLayout(null, 0, false, MAX_LENGTH);

    private final byte[] serverId;
    private final int configRotation;
    private final boolean lengthSelfDescription;
    private final int length;

    private ConnectionIdLayout(byte[] serverId, int configRotation, boolean lengthSelfDescription, int length) {
        this.serverId = serverId;
        this.configRotation = configRotation;
        this.lengthSelfDescription = lengthSelfDescription;
        this.length = length;
    }

    /**
     * The QUIC-LB plaintext layout for {@code serverId}.
     *
     * @param serverId 1 to 15 bytes, copied
     * @param configRotation 0 to 6, the three high bits of the first octet
     * @param lengthSelfDescription whether the first octet's five low bits give the length minus one
     * @param length the whole ID's length: room for the first octet, the server id and a nonce of at
     *        least 4 bytes, and at most 20
     * @throws IllegalArgumentException saying which value does not fit
     */
    public static ConnectionIdLayout quicLbPlaintext(byte[] serverId, int configRotation, boolean lengthSelfDescription,
                                                     int length) {
        byte[] id = serverId.clone();
        if (id.length < 1 || id.length > MAX_SERVER_ID_LENGTH) {
            throw new IllegalArgumentException("a QUIC-LB server id is 1 to " + MAX_SERVER_ID_LENGTH + " bytes, not "
                    + id.length);
        }
        if (configRotation < 0 || configRotation > MAX_CONFIG_ROTATION) {
            throw new IllegalArgumentException("the config rotation is 0 to " + MAX_CONFIG_ROTATION
                    + " (7 marks connection IDs a balancer cannot route), not " + configRotation);
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("a connection ID is at most " + MAX_LENGTH + " bytes (quiche's limit), not "
                    + length);
        }
        int shortest = 1 + id.length + MIN_NONCE_LENGTH;
        if (length < shortest) {
            throw new IllegalArgumentException("a " + length + "-byte connection ID has no room for the first octet, a "
                    + id.length + "-byte server id and a nonce of at least " + MIN_NONCE_LENGTH + " bytes: it needs "
                    + shortest + " bytes or a shorter server id");
        }
        return new ConnectionIdLayout(id, configRotation, lengthSelfDescription, length);
    }

    /** Whether IDs carry a QUIC-LB first octet and server id. */
    public boolean routable() {
        return serverId != null;
    }

    /** The length of every ID issued. */
    public int length() {
        return length;
    }

    /** The server id (a copy); empty for the plain layout. */
    public byte[] serverId() {
        return serverId == null ? new byte[0] : serverId.clone();
    }

    /** The config rotation (0 for the plain layout). */
    public int configRotation() {
        return configRotation;
    }

    /** Whether the first octet's five low bits give the length minus one. */
    public boolean lengthSelfDescription() {
        return lengthSelfDescription;
    }

    /** Where in an ID the owning socket's index sits: right after the server id, or at byte 0 when plain. */
    public int tagOffset() {
        return serverId == null ? 0 : 1 + serverId.length;
    }

    /**
     * Writes this layout into {@code id} (Netty's bytes from its position to its limit, normally
     * {@link #length()} of them): the first octet and server id when routable, and {@code tag} at
     * {@link #tagOffset()} unless it is negative. The bytes around them stay as they were; {@code id}'s
     * position does not move.
     */
    void stamp(ByteBuffer id, int tag) {
        int at = id.position();
        if (serverId != null) {
            int low = lengthSelfDescription ? id.remaining() - 1 : id.get(at) & 0x1f;
            id.put(at, (byte) (configRotation << 5 | low));
            id.put(at + 1, serverId);
        }
        if (tag >= 0) {
            id.put(at + tagOffset(), (byte) tag);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionIdLayout other && Arrays.equals(serverId, other.serverId)
                && configRotation == other.configRotation && lengthSelfDescription == other.lengthSelfDescription
                && length == other.length;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serverId) * 31 + configRotation * 7 + (lengthSelfDescription ? 1 : 0) + length * 64;
    }

    @Override
    public String toString() {
        if (serverId == null) {
            return "plain " + length + "-byte connection IDs";
        }
        return "QUIC-LB plaintext: server id " + HexFormat.of().formatHex(serverId) + ", config rotation "
                + configRotation + (lengthSelfDescription ? ", length self-described" : "") + ", " + length + "-byte IDs";
    }
}
