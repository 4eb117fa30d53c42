package net.webtransport.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.WebTransportQuicAccess;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import net.webtransport.internal.session.Role;
import net.webtransport.internal.session.WtConfig;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.IoTransport;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.WebTransportException;

/**
 * A WebTransport client on Netty. Each session gets a connection of its own unless pooling is
 * asked for, in which case sessions to the same authority share one connection (until it receives
 * GOAWAY). A dedicated connection is closed with H3_NO_ERROR when its session ends.
 */
public final class NettyClient implements AutoCloseable {
    private static final AttributeKey<InetSocketAddress> PEER = AttributeKey.valueOf(NettyClient.class, "peer");
    private static final AttributeKey<String> PEER_HOST = AttributeKey.valueOf(NettyClient.class, "host");
    /** A connection's own TLS context, when it trusts certificate hashes instead of the client's trust. */
    private static final AttributeKey<QuicSslContext> TLS = AttributeKey.valueOf(NettyClient.class, "tls");

    private final EventLoopGroup group;
    private final NettyTransport sockets;
    private final List<EventLoop> loops;
    /** The connections' UDP sockets, closed with the client at the latest. */
    private final ClientSockets clientSockets;
    private final QuicSslContext ssl;
    private final String transportDescription;
    private final ChannelGroup connections;
    private final WtConfig config;
    private final TransportSettings transport;
    private final Executor executor;
    private final Duration connectTimeout;
    private final boolean keyingMaterialExport;
    /** Pooled connections by authority; guarded by itself. */
    private final Map<String, CompletableFuture<WtConnectionHandler>> pool = new HashMap<>();
    private volatile boolean closed;

    /**
     * A client on {@code eventLoops} event loops of transport {@code io}, each with a UDP socket of
     * its own; connections are spread over them in turn.
     */
    public NettyClient(TrustManagerFactory trust, TransportSettings transport, WtConfig config, Executor executor,
                       Duration connectTimeout, IoTransport io, int eventLoops) {
        WebTransportQuicAccess.checkAvailable();
        this.config = config;
        this.transport = transport;
        this.executor = executor;
        this.connectTimeout = connectTimeout;
        QuicSslContextBuilder sslBuilder = QuicSslContextBuilder.forClient().applicationProtocols("h3");
        if (trust != null) {
            sslBuilder.trustManager(trust);
        }
        if (transport.keyingMaterialExport()) {
            sslBuilder.keylog(ExporterSecrets.INSTANCE);
        }
        QuicSslContext ssl = sslBuilder.build();
        this.keyingMaterialExport = transport.keyingMaterialExport();
        this.sockets = NettyTransport.choose(io);
        this.group = sockets.newGroup(Math.max(1, eventLoops), "webtransport-client-loop");
        this.connections = new DefaultChannelGroup(group.next());
        this.clientSockets = new ClientSockets(this::bindSocket);
        this.ssl = ssl;
        List<EventLoop> all = new ArrayList<>();
        group.forEach(e -> all.add((EventLoop) e));
        this.loops = List.copyOf(all);
        Channel probe = null;
        try {
            // Binding one socket learns whether the kernel takes the transport's options (GRO).
            probe = bindSocket(loops.get(0)).syncUninterruptibly().channel();
            this.transportDescription = sockets.describe(NettyTransport.groOn(probe));
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    /** A UDP socket with its QUIC codec on an ephemeral port (see {@link ClientSockets} for who shares one). */
    private io.netty.channel.ChannelFuture bindSocket(EventLoop loop) {
        return sockets.datagramBootstrap(loop, transport.socketBufferBytes(), false)
                .handler(Http3Setup.configure(Http3.newQuicClientCodecBuilder(), transport)
                        .sslEngineProvider(q -> {
                            InetSocketAddress peer = q.attr(PEER).get();
                            String host = q.attr(PEER_HOST).get();
                            QuicSslContext own = q.attr(TLS).get();
                            return (own != null ? own : ssl).newEngine(q.alloc(), host, peer.getPort());
                        })
                        .build())
                .bind(0);
    }

    /** The transport in use: {@link IoTransport#EPOLL} or {@link IoTransport#NIO}. */
    public IoTransport transport() {
        return sockets.kind();
    }

    /** The transport with its offloads, such as {@code epoll (GSO, no GRO)}. */
    public String transportDescription() {
        return transportDescription;
    }

    /** How many connections each event loop carries now, in the loops' order. */
    public List<Integer> connectionsPerLoop() {
        return NettyTransport.connectionsPerLoop(loops, connections);
    }

    /**
     * What a session asks of its connection.
     *
     * @param fields           extra request fields (such as {@code origin})
     * @param protocolRequired whether a 2xx answer choosing none of the offered protocols fails the session
     * @param pooled           whether the session may share a connection with other pooled sessions
     * @param certificateHashes SHA-256 hashes of server certificates to trust instead of the client's
     *                         trust (W3C {@code serverCertificateHashes}); empty for the client's trust
     */
    public record Request(HttpFields fields, boolean protocolRequired, boolean pooled, List<byte[]> certificateHashes) {
        public Request {
            certificateHashes = List.copyOf(certificateHashes);
            if (pooled && !certificateHashes.isEmpty()) {
                throw new IllegalArgumentException("a pooled connection cannot trust certificate hashes");
            }
        }
    }

    /** Opens a session to {@code uri} (scheme https, no fragment). */
    public CompletableFuture<Session> connect(URI uri, Request request, SessionHandler handler) {
        HttpFields fields = request.fields();
        boolean protocolRequired = request.protocolRequired();
        boolean pooled = request.pooled();
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("a WebTransport URL must use https: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebTransport URL must not have a fragment: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a WebTransport URL needs a host: " + uri);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
        }
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        String host = uri.getHost();
        String authority = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        CompletableFuture<WtConnectionHandler> connection;
        if (pooled) {
            synchronized (pool) {
                connection = pool.get(authority);
                if (connection == null || connection.isCompletedExceptionally()
                        || (connection.isDone() && !usable(connection.join()))) {
                    connection = newConnection(host, port, true, authority, List.of());
                    pool.put(authority, connection);
                }
            }
        } else {
            connection = newConnection(host, port, false, authority, request.certificateHashes());
        }
        return connection.thenCompose(c -> c.openSession(authority, path, fields, protocolRequired, handler));
    }

    private static boolean usable(WtConnectionHandler c) {
        return c.quic().isActive() && (!c.negotiated().isDone() || c.core().whyNoNewSession() == null);
    }

    private CompletableFuture<WtConnectionHandler> newConnection(String host, int port, boolean pooled, String authority,
                                                                 List<byte[]> certificateHashes) {
        QuicSslContext own = certificateHashes.isEmpty() ? null : hashTrustingContext(certificateHashes);
        return CompletableFuture.supplyAsync(() -> resolve(host, port), executor)
                .thenCompose(address -> handshake(host, address, pooled, authority, own));
    }

    /** A TLS context for one connection that trusts exactly these certificate hashes. */
    private QuicSslContext hashTrustingContext(List<byte[]> certificateHashes) {
        QuicSslContextBuilder b = QuicSslContextBuilder.forClient().applicationProtocols("h3")
                .trustManager(new CertificateHashTrust(certificateHashes));
        if (keyingMaterialExport) {
            b.keylog(ExporterSecrets.INSTANCE);
        }
        return b.build();
    }

    private static InetSocketAddress resolve(String host, int port) {
        try {
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return new InetSocketAddress(InetAddress.getByName(bare), port);
        } catch (UnknownHostException e) {
            throw new CompletionException(new WebTransportException("unknown host " + host, e));
        }
    }

    private CompletableFuture<WtConnectionHandler> handshake(String host, InetSocketAddress address, boolean pooled,
                                                             String authority, QuicSslContext own) {
        CompletableFuture<WtConnectionHandler> result = new CompletableFuture<>();
        WtConnectionHandler.Endpoint endpoint = new WtConnectionHandler.Endpoint() {
            @Override
            public void onIdle(WtConnectionHandler connection) {
                if (!pooled) {
                    connection.closeConnection(ErrorCodes.H3_NO_ERROR, "");
                }
            }

            @Override
            public void onConnectionClosed(WtConnectionHandler connection) {
                if (pooled) {
                    synchronized (pool) {
                        CompletableFuture<WtConnectionHandler> current = pool.get(authority);
                        if (current != null && current.isDone() && !current.isCompletedExceptionally()
                                && current.join() == connection) {
                            pool.remove(authority);
                        }
                    }
                }
            }
        };
        EventLoop loop = group.next(); // Netty's chooser takes the loops in turn
        clientSockets.acquire(loop).whenComplete((lease, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                connectOn(lease, address, host, own, endpoint, result);
            }
        });
        ScheduledFuture<?> timeout = loop.schedule(() -> result.completeExceptionally(
                new WebTransportException("connecting to " + address + " timed out")),
                connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((c, e) -> timeout.cancel(false));
        return result.whenCompleteAsync((c, e) -> { }, executor);
    }

    /** Starts the QUIC handshake on the lease's socket; the lease is released when the connection ends. */
    private void connectOn(ClientSockets.Lease lease, InetSocketAddress address, String host, QuicSslContext own,
                           WtConnectionHandler.Endpoint endpoint, CompletableFuture<WtConnectionHandler> result) {
        Channel socket = lease.socket;
        QuicChannel.newBootstrap(socket)
                .option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, sockets.packetAllocator())
                .option(io.netty.channel.ChannelOption.RCVBUF_ALLOCATOR, Http3Setup.datagramReads(transport))
                .attr(PEER, address)
                .attr(PEER_HOST, host)
                .attr(TLS, own)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel quic) {
                        WtConnectionHandler wt = new WtConnectionHandler(Role.CLIENT, config, transport, executor, endpoint);
                        quic.pipeline().addLast(
                                new WtClientConnectionHandler(new ControlStreamObserver(wt),
                                        Http3Setup.unknownStreamHandlers(), Http3Setup.localSettings(wt.localSettings())),
                                wt);
                        // Closed once the connection's last packet has left through it.
                        quic.closeFuture().addListener(f -> socket.eventLoop().execute(lease::release));
                    }
                })
                .remoteAddress(address)
                .connect()
                .addListener(f -> {
                    if (f.isSuccess()) {
                        QuicChannel quic = (QuicChannel) f.getNow();
                        connections.add(quic);
                        if (!result.complete(WtConnectionHandler.of(quic))) {
                            quic.close(true, (int) ErrorCodes.H3_NO_ERROR, Unpooled.EMPTY_BUFFER); // timed out meanwhile
                        }
                    } else {
                        lease.release();
                        result.completeExceptionally(new WebTransportException(
                                "could not connect to " + address + ": " + f.cause(), f.cause()));
                    }
                });
    }

    /** UDP sockets open now, in use or kept for the next connection. */
    public int socketCount() {
        return clientSockets.count();
    }

    /** QUIC connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Closes every connection with H3_NO_ERROR, the sockets and the event loops. */
    @Override
    public void close() {
        closed = true;
        for (Channel c : connections) {
            ((QuicChannel) c).close(true, (int) ErrorCodes.H3_NO_ERROR, Unpooled.EMPTY_BUFFER).awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        clientSockets.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
