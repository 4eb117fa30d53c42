package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.quic.QuicConnectionIdGenerator;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps each QUIC connection with the server socket (and so the event loop) that accepted it when
 * several sockets share the port with SO_REUSEPORT. The kernel picks a socket by the packet's
 * addresses, so once a client's address changes (a NAT rebinding, a phone moving to another
 * network) its packets can reach a socket whose codec has never heard of the connection, which
 * then stalls until its idle timeout. Every connection ID the server issues therefore names, in its
 * first byte, the socket that owns the connection, and a short-header packet that reached another
 * socket is handed over to that one (on that socket's loop), where quiche sees the new address and
 * migrates the path. In the common case, an unchanged address, nothing moves between loops.
 *
 * <p>Where that index sits comes from the {@link ConnectionIdLayout}: byte 0 of a plain ID, or the
 * first nonce byte, right after the server id, of a QUIC-LB routable one. The other bytes come from
 * Netty's HMAC generator, so IDs stay unguessable and idempotent.
 */
final class LoopRouting {
    /** The first byte of a short-header packet has its high bit clear (RFC 9000 §17.3). */
    private static final int LONG_HEADER = 0x80;

    private final AtomicReferenceArray<Channel> sockets;
    private final ConnectionIdLayout layout;
    private final LongAdder handedOver = new LongAdder();

    LoopRouting(int socketCount, ConnectionIdLayout layout) {
        if (socketCount < 1 || socketCount > 256) {
            throw new IllegalArgumentException("1 to 256 sockets can share a port, not " + socketCount);
        }
        this.sockets = new AtomicReferenceArray<>(socketCount);
        this.layout = layout;
    }

    /** Packets handed from the socket the kernel chose to the one that owns their connection, so far. */
    long handedOver() {
        return handedOver.sum();
    }

    /** The socket with {@code index} is bound: packets tagged for it go there from now on. */
    void register(int index, Channel socket) {
        sockets.set(index, socket);
    }

    /** The connection-ID generator for the codec of socket {@code index}: every ID it makes names that socket. */
    QuicConnectionIdGenerator idGenerator(int index) {
        return idGenerator(layout, index);
    }

    /**
     * A generator of IDs in {@code layout}, with {@code tag} at its {@link ConnectionIdLayout#tagOffset()}
     * (none if negative) and Netty's HMAC-signed bytes (random ones where Netty asks for no input) around.
     */
    static QuicConnectionIdGenerator idGenerator(ConnectionIdLayout layout, int tag) {
        QuicConnectionIdGenerator signed = QuicConnectionIdGenerator.signGenerator();
        QuicConnectionIdGenerator random = QuicConnectionIdGenerator.randomGenerator();
        return new QuicConnectionIdGenerator() {
            @Override
            public ByteBuffer newId(int length) {
                return stamped(random.newId(length), layout, tag);
            }

            @Override
            public ByteBuffer newId(ByteBuffer input, int length) {
                return stamped(signed.newId(input, length), layout, tag);
            }

            @Override
            public ByteBuffer newId(ByteBuffer scid, ByteBuffer dcid, int length) {
                return stamped(signed.newId(scid, dcid, length), layout, tag);
            }

            @Override
            public int maxConnectionIdLength() {
                return Math.min(signed.maxConnectionIdLength(), layout.length());
            }

            @Override
            public boolean isIdempotent() {
                return signed.isIdempotent();
            }
        };
    }

    private static ByteBuffer stamped(ByteBuffer id, ConnectionIdLayout layout, int tag) {
        ByteBuffer copy = ByteBuffer.allocate(id.remaining());
        copy.put(id.duplicate()).flip();
        if (copy.remaining() > layout.tagOffset()) { // Netty asks for the layout's length; a shorter ID would stay as made
            layout.stamp(copy, tag);
        }
        return copy;
    }

    /** The handler, first in socket {@code index}'s pipeline, that hands other sockets' packets over. */
    ChannelHandler forwarder(int index) {
        return new Forwarder(index);
    }

    /** The socket a packet belongs to when that is another than {@code self}; null to keep it. */
    Channel ownerOf(ByteBuf packet, int self) {
        int at = packet.readerIndex();
        int tagAt = 1 + layout.tagOffset(); // the DCID starts right after a short header's first byte
        if (packet.readableBytes() <= tagAt || (packet.getUnsignedByte(at) & LONG_HEADER) != 0) {
            return null; // long headers come from a handshake, whose addresses the kernel keeps on one socket
        }
        int tag = packet.getUnsignedByte(at + tagAt);
        if (tag == self || tag >= sockets.length()) {
            return null;
        }
        Channel owner = sockets.get(tag);
        return owner != null && owner.isActive() ? owner : null;
    }

    private final class Forwarder extends ChannelInboundHandlerAdapter {
        private final int index;

        Forwarder(int index) {
            this.index = index;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DatagramPacket packet) {
                Channel owner = ownerOf(packet.content(), index);
                if (owner != null) {
                    handedOver.increment();
                    owner.eventLoop().execute(() -> {
                        owner.pipeline().fireChannelRead(packet);
                        owner.pipeline().fireChannelReadComplete(); // the codec sends what the packet caused then
                    });
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
