package net.webtransport.internal.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import net.webtransport.transport.IoTransport;

/**
 * The socket layer both the client and the server run on: Netty's native epoll transport where its
 * library loads, else NIO. Epoll brings what NIO cannot: UDP GSO (quiche's packets for one peer
 * leave in one {@code sendmsg} as segments of one buffer), GRO (the kernel hands over a train of
 * packets from one peer in one read; wired but off, see {@link #GRO}) and {@code SO_REUSEPORT}
 * (several sockets on one port, one per event loop, so a server uses every core). With {@link IoTransport#AUTO} a missing native library
 * is not an error: the endpoint runs on NIO and says why once.
 */
final class NettyTransport {
    private static final System.Logger LOG = System.getLogger(NettyTransport.class.getName());
    /**
     * QUIC packets per GSO send: below the kernel's limit of 64 segments, and 32 of quiche's
     * packets (at most 1350 bytes by default) stay under the 64 KiB a GSO send may carry.
     */
    private static final int GSO_SEGMENTS = 32;
    /**
     * What one read takes with GRO on: the kernel coalesces up to 64 KiB of one peer's packets,
     * and a smaller buffer would truncate the train.
     */
    private static final int GRO_READ_BYTES = 64 * 1024;
    /**
     * UDP GRO is off. Measured with the bench on this 2-core machine (2026-12-02, interleaved A/B,
     * GSO on in both): with 8 connections echoing at once the server ran 47-58 MB/s at 15-17 CPU
     * seconds per GiB without GRO and 20-28 MB/s at 33-45 s/GiB with it (the peers' packets come
     * interleaved, so most 64 KiB GRO reads bring one packet), and a single WebTransport echo gained
     * nothing from it (54-66 against 66-68 MB/s). Only raw QUIC's single bulk stream, which sends
     * full GSO trains, read faster with it.
     */
    static final boolean GRO = false;
    private static volatile boolean fallbackLogged;

    private final boolean epoll;
    private final boolean gso;

    private NettyTransport(boolean epoll) {
        this.epoll = epoll;
        this.gso = epoll && EpollDatagramChannel.isSegmentedDatagramPacketSupported();
    }

    /**
     * Resolves the transport asked for.
     *
     * @throws IllegalStateException if {@link IoTransport#EPOLL} is asked for where it is not available
     */
    static NettyTransport choose(IoTransport requested) {
        return switch (requested) {
            case NIO -> new NettyTransport(false);
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("the epoll transport is not available: " + Epoll.unavailabilityCause(),
                            Epoll.unavailabilityCause());
                }
                yield new NettyTransport(true);
            }
            case AUTO -> {
                if (Epoll.isAvailable()) {
                    yield new NettyTransport(true);
                }
                if (!fallbackLogged) {
                    fallbackLogged = true;
                    LOG.log(System.Logger.Level.INFO, "WebTransport runs on NIO: Netty's epoll transport is not available ("
                            + Epoll.unavailabilityCause() + ")");
                }
                yield new NettyTransport(false);
            }
        };
    }

    /** Which transport this is: {@link IoTransport#EPOLL} or {@link IoTransport#NIO}. */
    IoTransport kind() {
        return epoll ? IoTransport.EPOLL : IoTransport.NIO;
    }

    /** Whether several sockets can share one port, so that a server can have one per event loop. */
    boolean sharesPorts() {
        return epoll;
    }

    /** {@code loops} event loops whose threads are named {@code name-N} (the bench finds them by name). */
    EventLoopGroup newGroup(int loops, String name) {
        DefaultThreadFactory threads = new DefaultThreadFactory(name, false);
        return new MultiThreadIoEventLoopGroup(loops, threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * A bootstrap for a UDP socket on {@code loop} with the socket options this transport offers;
     * {@code sharePort} sets {@code SO_REUSEPORT} so that further sockets may bind the same port.
     */
    Bootstrap datagramBootstrap(EventLoopGroup loop, int socketBufferBytes, boolean sharePort) {
        Class<? extends DatagramChannel> type = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        Bootstrap b = new Bootstrap().group(loop).channel(type)
                .option(ChannelOption.SO_RCVBUF, socketBufferBytes)
                .option(ChannelOption.SO_SNDBUF, socketBufferBytes);
        if (epoll && GRO) {
            // GRO is a socket option the kernel may refuse (before 5.0); Netty then logs and goes on
            // without it, and reads stay one packet each.
            b.option(EpollChannelOption.UDP_GRO, true)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, groReads());
        }
        if (epoll && sharePort) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        return b;
    }

    /**
     * Read buffers for GRO. A read of one packet does not fill such a buffer, and by default Netty
     * takes an unfilled buffer as "the socket is empty" and waits for the next epoll wakeup: one
     * packet per wakeup (measured: as many epoll_wait calls as recvmsg calls, and a quarter of
     * NIO's throughput). Datagram sockets never say "maybe more", so reads go on until the socket
     * is empty or the per-wakeup message limit is reached.
     */
    private static FixedRecvByteBufAllocator groReads() {
        FixedRecvByteBufAllocator reads = new FixedRecvByteBufAllocator(GRO_READ_BYTES);
        reads.respectMaybeMoreData(false);
        return reads;
    }

    /**
     * What QUIC channels get as {@code QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR}: GSO
     * batches where the kernel supports them, else one packet per datagram.
     */
    SegmentedDatagramPacketAllocator packetAllocator() {
        return gso ? EpollQuicUtils.newSegmentedAllocator(GSO_SEGMENTS) : SegmentedDatagramPacketAllocator.NONE;
    }

    /** For logs and the bench: the transport and its offloads, e.g. {@code epoll (GSO, GRO)}. */
    String describe(boolean groOn) {
        if (!epoll) {
            return "nio";
        }
        return "epoll (" + (gso ? "GSO" : "no GSO") + ", " + (groOn ? "GRO" : "no GRO") + ")";
    }

    /** How many of {@code connections} each of {@code loops} carries, in the loops' order. */
    static java.util.List<Integer> connectionsPerLoop(java.util.List<? extends io.netty.channel.EventLoop> loops,
                                                       Iterable<? extends io.netty.channel.Channel> connections) {
        int[] counts = new int[loops.size()];
        for (io.netty.channel.Channel c : connections) {
            int i = loops.indexOf(c.eventLoop());
            if (i >= 0) {
                counts[i]++;
            }
        }
        return java.util.Arrays.stream(counts).boxed().toList();
    }

    /** Whether GRO is on for {@code socket} (the kernel may have refused it). */
    static boolean groOn(io.netty.channel.Channel socket) {
        return socket instanceof EpollDatagramChannel e && e.config().isUdpGro();
    }
}
