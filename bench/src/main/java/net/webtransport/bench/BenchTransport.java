package net.webtransport.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import net.webtransport.transport.IoTransport;

/**
 * The raw QUIC baseline's socket layer, set up as the library sets up its own for the same
 * {@link IoTransport} (the library's class for it is internal): epoll with GSO batches of 32 packets
 * (GRO off, as in the library), or NIO; so that the ratios compare the layers above the sockets only.
 */
final class BenchTransport {
    /** As the library: GRO off (see the library's NettyTransport for the measurements). */
    private static final boolean GRO = false;

    private final boolean epoll;

    /** @param kind what the WebTransport server under test resolved to: EPOLL or NIO */
    BenchTransport(IoTransport kind) {
        this.epoll = kind == IoTransport.EPOLL;
    }

    /** One event loop whose thread is named {@code name-...} (the CPU figures find threads by name). */
    EventLoopGroup newGroup(String name) {
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name, true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    Bootstrap datagramBootstrap(EventLoopGroup group) {
        Bootstrap b = new Bootstrap().group(group).channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, Settings.SOCKET_BUFFER).option(ChannelOption.SO_SNDBUF, Settings.SOCKET_BUFFER);
        if (epoll && GRO) {
            FixedRecvByteBufAllocator reads = new FixedRecvByteBufAllocator(64 * 1024);
            reads.respectMaybeMoreData(false); // as the library does: read on past a buffer that a packet did not fill
            b.option(EpollChannelOption.UDP_GRO, true).option(ChannelOption.RCVBUF_ALLOCATOR, reads);
        }
        return b;
    }

    SegmentedDatagramPacketAllocator packetAllocator() {
        return epoll && EpollDatagramChannel.isSegmentedDatagramPacketSupported()
                ? EpollQuicUtils.newSegmentedAllocator(32) : SegmentedDatagramPacketAllocator.NONE;
    }
}
