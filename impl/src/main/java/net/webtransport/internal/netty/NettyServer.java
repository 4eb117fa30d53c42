package net.webtransport.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionIdGenerator;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.WebTransportQuicAccess;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.webtransport.internal.session.Role;
import net.webtransport.internal.session.WtConfig;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.IoTransport;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * A WebTransport server on Netty: UDP sockets with a QUIC server codec, HTTP/3 on every
 * connection, and the session layer behind it. Every address given is bound to the same port.
 */
public final class NettyServer implements AutoCloseable {

    /** Receives every WebTransport CONNECT; called on the server's executor. */
    @FunctionalInterface
    public interface RequestListener {
        void onRequest(SessionRequest request);
    }

    /** A WebTransport CONNECT awaiting an answer. */
    public static final class SessionRequest {
        private final WtConnectionHandler connection;
        private final NettySession session;

        SessionRequest(WtConnectionHandler connection, NettySession session) {
            this.connection = connection;
            this.session = session;
        }

        public HttpFields headers() {
            return session.requestHeaders();
        }

        public InetSocketAddress remoteAddress() {
            return (InetSocketAddress) connection.quic().remoteSocketAddress();
        }

        /** The session that a 2xx answer establishes. */
        public Session session() {
            return session;
        }

        /** Answers with {@code status}; a 2xx status establishes the session and binds {@code handler} to it. */
        public void respond(int status, HttpFields headers, SessionHandler handler) {
            connection.respond(session, status, headers, handler);
        }
    }

    private final EventLoopGroup group;
    private final List<EventLoop> loops;
    private final List<Channel> channels;
    private final ChannelGroup connections;
    private final ServerReceiveBudget budget;
    private final AtomicBoolean shuttingDown;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final IoTransport transportKind;
    private final String transportDescription;
    private final List<LoopRouting> routings;

    private NettyServer(EventLoopGroup group, List<EventLoop> loops, List<Channel> channels, ChannelGroup connections,
                        ServerReceiveBudget budget, AtomicBoolean shuttingDown, IoTransport transportKind,
                        String transportDescription, List<LoopRouting> routings) {
        this.group = group;
        this.routings = List.copyOf(routings);
        this.loops = List.copyOf(loops);
        this.transportKind = transportKind;
        this.transportDescription = transportDescription;
        this.channels = channels;
        this.connections = connections;
        this.budget = budget;
        this.shuttingDown = shuttingDown;
    }

    /** Received stream bytes all connections hold for their readers now. */
    public long bufferedReceiveBytes() {
        return budget.held();
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** The transport serving: {@link IoTransport#EPOLL} or {@link IoTransport#NIO}. */
    public IoTransport transport() {
        return transportKind;
    }

    /** The transport with its offloads, such as {@code epoll (GSO, no GRO)}. */
    public String transportDescription() {
        return transportDescription;
    }

    /**
     * Short-header packets the kernel handed to another loop's socket than the one owning their
     * connection (after a client's address changed), which were passed on to the owner so far.
     */
    public long packetsHandedOver() {
        long sum = 0;
        for (LoopRouting routing : routings) {
            sum += routing.handedOver();
        }
        return sum;
    }

    /** How many connections each event loop carries now, in the loops' order. */
    public List<Integer> connectionsPerLoop() {
        return NettyTransport.connectionsPerLoop(loops, connections);
    }

    /**
     * Binds every address (the first one's port, if 0, is chosen by the system and reused for the
     * others) and starts serving on {@code eventLoops} event loops (0: one per core), each with a
     * socket of its own on every address where the transport lets sockets share a port (epoll's
     * {@code SO_REUSEPORT}); NIO serves on one loop. With several sockets on a port the kernel
     * picks the socket, and so the loop, of each incoming packet by a hash of its addresses and
     * ports: a connection stays on its loop as long as its client's address does not change, and
     * when it does, the index of the owning socket in every connection ID the server issues (at
     * {@code connectionIds}' {@link ConnectionIdLayout#tagOffset()}) lets its packets be handed back
     * ({@link LoopRouting}). {@code connectionIds} may also carry a QUIC-LB server id for a load
     * balancer in front of several servers.
     */
    public static NettyServer start(List<InetSocketAddress> addresses, PrivateKey key, X509Certificate[] chain,
                                    TransportSettings transport, WtConfig config, ServerLimits limits,
                                    Executor executor, RequestListener listener, IoTransport io, int eventLoops,
                                    ConnectionIdLayout connectionIds)
            throws BindException, InterruptedException {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address to bind");
        }
        WebTransportQuicAccess.checkAvailable();
        QuicSslContextBuilder sslBuilder = QuicSslContextBuilder.forServer(key, null, chain)
                .applicationProtocols("h3"); // Netty's default list starts with h3-29, which browsers refuse
        if (transport.keyingMaterialExport()) {
            sslBuilder.keylog(ExporterSecrets.INSTANCE);
        }
        QuicSslContext ssl = sslBuilder.build();
        NettyTransport sockets = NettyTransport.choose(io);
        int loops = serverLoops(sockets, eventLoops);
        EventLoopGroup group = sockets.newGroup(loops, "webtransport-server-loop");
        List<EventLoop> loopList = new ArrayList<>();
        group.forEach(e -> loopList.add((EventLoop) e));
        ChannelGroup connections = new DefaultChannelGroup(group.next());
        ServerReceiveBudget budget = new ServerReceiveBudget(limits.receiveBudget());
        AtomicBoolean shuttingDown = new AtomicBoolean();
        List<Channel> channels = new ArrayList<>();
        List<LoopRouting> routings = new ArrayList<>();
        boolean sharePort = loops > 1;
        try {
            int port = addresses.get(0).getPort();
            if (port == 0 && sharePort) {
                port = exclusiveFreePort(addresses.get(0).getAddress());
            }
            for (InetSocketAddress requested : addresses) {
                InetSocketAddress address = new InetSocketAddress(requested.getAddress(), port);
                // Sockets sharing one address route a migrated connection's packets to its owner.
                LoopRouting routing = sharePort ? new LoopRouting(loopList.size(), connectionIds) : null;
                if (routing != null) {
                    routings.add(routing);
                }
                for (int index = 0; index < loopList.size(); index++) {
                    QuicConnectionIdGenerator ids = routing != null ? routing.idGenerator(index)
                            : connectionIds.routable() ? LoopRouting.idGenerator(connectionIds, -1) : null;
                    ChannelHandler codec = codec(ssl, transport, config, limits, budget, executor, listener, connections,
                            shuttingDown, sockets, ids, connectionIds.length());
                    Channel ch = sockets.datagramBootstrap(loopList.get(index), transport.socketBufferBytes(), sharePort)
                            .handler(routing == null ? codec : routed(routing.forwarder(index), codec))
                            .bind(address).sync().channel();
                    if (routing != null) {
                        routing.register(index, ch);
                    }
                    channels.add(ch);
                    port = ((InetSocketAddress) ch.localAddress()).getPort();
                    address = new InetSocketAddress(requested.getAddress(), port);
                }
            }
        } catch (Exception e) {
            for (Channel ch : channels) {
                ch.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof BindException be) {
                throw be;
            }
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            BindException be = new BindException("could not bind " + addresses + ": " + e.getMessage());
            be.initCause(e);
            throw be;
        }
        String described = sockets.describe(NettyTransport.groOn(channels.get(0)));
        LOG.log(System.Logger.Level.DEBUG, "serving on " + described + " with " + loops + " event loop(s)");
        return new NettyServer(group, loopList, channels, connections, budget, shuttingDown, sockets.kind(), described,
                routings);
    }

    /**
     * How many event loops serve: one per core unless {@code requested} says otherwise, and one
     * where sockets cannot share a port (NIO), since a loop without a socket would get no connection.
     */
    private static int serverLoops(NettyTransport sockets, int requested) {
        int wanted = requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
        if (!sockets.sharesPorts() && wanted > 1) {
            if (requested > 1) {
                LOG.log(System.Logger.Level.INFO, "serving on one event loop instead of " + requested
                        + ": NIO sockets cannot share a port");
            }
            return 1;
        }
        return wanted;
    }

    /**
     * A port no socket uses on {@code address}. Asking the kernel for port 0 with SO_REUSEPORT set
     * could hand out a port another SO_REUSEPORT socket of the same user already has (the two
     * would then share its packets); a socket without that option gets a port of its own, which
     * the server's sockets bind right after it is closed.
     */
    private static int exclusiveFreePort(InetAddress address) throws java.io.IOException {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress(address, 0))) {
            return probe.getLocalPort();
        }
    }

    /** A socket's pipeline: the forwarder of migrated packets in front of the QUIC codec. */
    private static ChannelHandler routed(ChannelHandler forwarder, ChannelHandler codec) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel socket) {
                socket.pipeline().addLast(forwarder, codec);
            }
        };
    }

    private static ChannelHandler codec(QuicSslContext ssl, TransportSettings transport, WtConfig config,
                                        ServerLimits limits, ServerReceiveBudget budget, Executor executor,
                                        RequestListener listener, ChannelGroup connections, AtomicBoolean shuttingDown,
                                        NettyTransport sockets, QuicConnectionIdGenerator connectionIds,
                                        int connectionIdLength) {
        WtConnectionHandler.Endpoint endpoint = new WtConnectionHandler.Endpoint() {
            @Override
            public void onSessionRequested(WtConnectionHandler connection, NettySession session) {
                SessionRequest request = new SessionRequest(connection, session);
                executor.execute(() -> listener.onRequest(request));
            }
        };
        ChannelHandler requestStreams = new ChannelInitializer<QuicStreamChannel>() {
            @Override
            protected void initChannel(QuicStreamChannel stream) {
                stream.pipeline().addLast(new ConnectStreamHandler(WtConnectionHandler.of(stream.parent())));
            }
        };
        QuicServerCodecBuilder builder = Http3Setup.configure(Http3.newQuicServerCodecBuilder(), transport)
                .activeConnectionIdLimit(Http3Setup.SERVER_PATHS)
                .sslContext(ssl)
                .option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, sockets.packetAllocator())
                .option(io.netty.channel.ChannelOption.RCVBUF_ALLOCATOR, Http3Setup.datagramReads(transport))
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel quic) {
                        if (shuttingDown.get()) {
                            refuse(quic, ErrorCodes.H3_NO_ERROR, "the server is shutting down");
                            return;
                        }
                        if (connections.size() >= limits.maxConnections()) {
                            logRefusal();
                            refuse(quic, ErrorCodes.H3_EXCESSIVE_LOAD, "too many connections");
                            return;
                        }
                        connections.add(quic);
                        WtConnectionHandler wt = new WtConnectionHandler(Role.SERVER, config, transport, executor, endpoint,
                                limits, budget);
                        quic.pipeline().addLast(
                                ServerBidiInterceptor.INSTANCE,
                                new Http3ServerConnectionHandler(requestStreams, new ControlStreamObserver(wt),
                                        Http3Setup.unknownStreamHandlers(), Http3Setup.localSettings(wt.localSettings()),
                                        true, Http3Setup.ACCEPT_NON_STANDARD_SETTINGS, null,
                                        Http3Setup.MAX_UNKNOWN_FRAME_PAYLOAD),
                                wt);
                    }
                });
        if (connectionIds != null) {
            builder.connectionIdAddressGenerator(connectionIds).localConnectionIdLength(connectionIdLength);
        }
        return builder.build();
    }

    /**
     * Past the connection limit a new connection is closed at once with H3_EXCESSIVE_LOAD, logged at
     * most once a minute so that a flood of them does not flood the log too.
     */
    private static void logRefusal() {
        long now = System.nanoTime();
        long last = lastRefusalLog;
        if (now - last > TimeUnit.MINUTES.toNanos(1)) {
            lastRefusalLog = now;
            LOG.log(System.Logger.Level.WARNING, "refusing connections past the server's connection limit");
        }
    }

    /** Closes a new connection as soon as its handshake is done with {@code http3ErrorCode}. */
    private static void refuse(QuicChannel quic, long http3ErrorCode, String reason) {
        // An application close before the handshake completes would not reach the peer.
        quic.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ((QuicChannel) ctx.channel()).close(true, (int) http3ErrorCode,
                        Unpooled.copiedBuffer(reason, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
    }

    private static final System.Logger LOG = System.getLogger(NettyServer.class.getName());
    private static volatile long lastRefusalLog = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);

    /** The bound addresses, in the order given. */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Channel ch : channels) {
            out.add((InetSocketAddress) ch.localAddress());
        }
        return out;
    }

    /**
     * Starts a graceful shutdown: new connections are refused with H3_NO_ERROR, and every open
     * connection gets GOAWAY and WT_DRAIN_SESSION on each session (see {@link WtConnectionHandler#goAway()});
     * each connection closes once its sessions have ended. Completes when no connection is left.
     */
    public CompletableFuture<Void> shutdown() {
        shuttingDown.set(true);
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        for (Channel c : connections) {
            CompletableFuture<Void> end = new CompletableFuture<>();
            c.closeFuture().addListener(f -> end.complete(null));
            ends.add(end);
            WtConnectionHandler wt = WtConnectionHandler.of((QuicChannel) c);
            if (wt != null) {
                wt.goAway();
            }
        }
        return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
    }

    /**
     * Closes every connection with H3_NO_ERROR (each of its sessions ends abruptly for the peer),
     * then the sockets, and stops the event loop. Does nothing the second time.
     */
    @Override
    public void close() {
        shuttingDown.set(true);
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Channel c : connections) {
            ((QuicChannel) c).close(true, (int) ErrorCodes.H3_NO_ERROR, Unpooled.EMPTY_BUFFER).awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        for (Channel ch : channels) {
            ch.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
