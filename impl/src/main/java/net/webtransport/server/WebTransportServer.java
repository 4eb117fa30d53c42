package net.webtransport.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.webtransport.internal.netty.ConnectionIdLayout;
import net.webtransport.internal.netty.DefaultExecutors;
import net.webtransport.internal.netty.NettyServer;
import net.webtransport.internal.netty.ServerLimits;
import net.webtransport.internal.netty.TransportSettings;
import net.webtransport.internal.session.FlowControlSettings;
import net.webtransport.internal.session.WtConfig;
import net.webtransport.transport.EndpointBuilder;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.IoTransport;

/**
 * A WebTransport-over-HTTP/3 server.
 *
 * {@snippet :
 * try (WebTransportServer server = WebTransportServer.builder()
 *         .certificate(ServerCertificate.selfSignedForLocalhost())
 *         .handler(request -> ConnectResponse.accept(new EchoHandler()))
 *         .start()) {
 *     System.out.println("listening on port " + server.port());
 * }
 * }
 *
 * <p>It speaks every WebTransport draft dialect in use (it announces SETTINGS_WT_ENABLED and the
 * legacy draft-02, draft-07 and draft-13 settings, and accepts {@code :protocol} {@code webtransport-h3}
 * and {@code webtransport}), offers only the ALPN {@code h3}, and enables QUIC datagrams. Requests that
 * are not WebTransport CONNECTs are answered with 405 without reaching the handler.
 */
public final class WebTransportServer implements AutoCloseable {
    private final NettyServer server;
    private final ExecutorService ownedExecutor;

    private WebTransportServer(NettyServer server, ExecutorService ownedExecutor) {
        this.server = server;
        this.ownedExecutor = ownedExecutor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The UDP port the server listens on. */
    public int port() {
        return server.localAddresses().get(0).getPort();
    }

    public List<InetSocketAddress> addresses() {
        return server.localAddresses();
    }

    /**
     * Received stream bytes that all connections hold now for readers that have not taken them
     * (bounded by {@link Builder#totalReceiveBufferLimit}).
     */
    public long bufferedReceiveBytes() {
        return server.bufferedReceiveBytes();
    }

    /** QUIC connections open now (bounded by {@link Builder#maxConnections}). */
    public int connectionCount() {
        return server.connectionCount();
    }

    /**
     * The socket layer serving: {@link IoTransport#EPOLL} or {@link IoTransport#NIO} (never
     * {@link IoTransport#AUTO}).
     */
    public IoTransport ioTransport() {
        return server.transport();
    }

    /** The socket layer with its offloads, for logs: such as {@code epoll (GSO, no GRO)} or {@code nio}. */
    public String ioTransportDescription() {
        return server.transportDescription();
    }

    /**
     * How many connections each of the server's event loops carries now, one entry per loop (see
     * {@link Builder#eventLoops(int)}).
     */
    public List<Integer> connectionsPerLoop() {
        return server.connectionsPerLoop();
    }

    /**
     * Shuts down gracefully: refuses new connections, sends GOAWAY on every connection and
     * WT_DRAIN_SESSION on every session, waits up to {@code grace} for the sessions to end (each
     * connection closes with H3_NO_ERROR once its last session has), then closes what is left as
     * {@link #close()} does. Blocks the caller meanwhile; an interrupt ends the wait early.
     *
     * @return whether every connection ended within {@code grace}
     */
    public boolean close(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        boolean ended;
        try {
            server.shutdown().get(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
            ended = true;
        } catch (TimeoutException e) {
            ended = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("unexpected failure while shutting down", e.getCause());
        }
        close();
        return ended;
    }

    /** Closes every connection with H3_NO_ERROR and stops listening. */
    @Override
    public void close() {
        server.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    /** Configures and starts a {@link WebTransportServer}. */
    public static final class Builder extends EndpointBuilder<Builder> {
        private final List<InetSocketAddress> addresses = new ArrayList<>();
        private int port;
        private ServerCertificate certificate;
        private ServerHandler handler;
        private int maxSessionsPerConnection = WtConfig.DEFAULT.maxSessions();
        private long receiveBufferLimit = TransportSettings.DEFAULT.receiveBufferLimit();
        private ServerLimits limits = ServerLimits.DEFAULT;
        private long maxIncomingBidi = TransportSettings.DEFAULT.maxIncomingBidiStreams();
        private long maxIncomingUni = TransportSettings.DEFAULT.maxIncomingUniStreams();
        private LoadBalancerRouting loadBalancerRouting;

        private Builder() {
        }

        /** The port for the default loopback addresses (0, the default, picks a free one). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Listens on {@code address} (its port is ignored: all addresses share one port). Without
         * any, the server listens on 127.0.0.1 and ::1.
         */
        public Builder bind(InetAddress address) {
            addresses.add(new InetSocketAddress(Objects.requireNonNull(address, "address"), 0));
            return this;
        }

        public Builder certificate(ServerCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        public Builder handler(ServerHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** How many sessions one connection may hold at once (announced in the legacy max-sessions settings). */
        public Builder maxSessionsPerConnection(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max sessions must be positive");
            }
            this.maxSessionsPerConnection = max;
            return this;
        }

        /**
         * The most received data one connection holds for readers that have not taken it yet,
         * across all its streams (default 32 MiB). Past it, streams stop reading and QUIC flow
         * control holds the peer back until readers catch up.
         */
        public Builder receiveBufferLimit(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the receive buffer limit must be positive");
            }
            this.receiveBufferLimit = bytes;
            return this;
        }

        /**
         * How many connections the server serves at once (default 10,000); a further one is closed at
         * once with H3_EXCESSIVE_LOAD, and everyone else keeps being served.
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max connections must be positive");
            }
            limits = limits.withMaxConnections(max);
            return this;
        }

        /**
         * The most received data all connections together hold for readers that have not taken it
         * (default: a quarter of the JVM's max direct memory, at least 64 MiB). Past it every stream
         * stops reading and QUIC flow control holds the peers back until readers catch up; each
         * connection is also held to {@link #receiveBufferLimit}.
         */
        public Builder totalReceiveBufferLimit(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the total receive buffer limit must be positive");
            }
            limits = limits.withReceiveBudget(bytes);
            return this;
        }

        /** How long a new connection may take to send its HTTP/3 SETTINGS before it is closed (default 10 s). */
        public Builder settingsTimeout(Duration timeout) {
            limits = limits.withSettingsTimeout(Objects.requireNonNull(timeout, "timeout"));
            return this;
        }

        /**
         * How long a connection may stay without a WebTransport session, before its first CONNECT or
         * after its last session ended, before it is closed with H3_NO_ERROR (default 30 s).
         */
        public Builder requestTimeout(Duration timeout) {
            limits = limits.withRequestTimeout(Objects.requireNonNull(timeout, "timeout"));
            return this;
        }

        /**
         * How many WebTransport streams of each kind a client may have open at once on one connection
         * (QUIC's initial_max_streams; default 256 each). A client that wants more waits for the server
         * to grant them as streams end.
         */
        public Builder maxIncomingStreams(long bidirectional, long unidirectional) {
            if (bidirectional < 1 || unidirectional < 1) {
                throw new IllegalArgumentException("stream limits must be positive");
            }
            this.maxIncomingBidi = bidirectional;
            this.maxIncomingUni = unidirectional;
            return this;
        }

        /**
         * Issues connection IDs that a QUIC-LB capable load balancer in front of several servers can
         * route by (the plaintext algorithm: config rotation and length in the first octet, then
         * {@code routing}'s server id; see {@link LoadBalancerRouting}). Give each server its own id.
         * Without this (the default) connection IDs carry no server id, and {@code null} returns to that.
         */
        public Builder loadBalancerRouting(LoadBalancerRouting routing) {
            this.loadBalancerRouting = routing;
            return this;
        }

        /** Binds and starts serving. */
        public WebTransportServer start() throws IOException {
            if (certificate == null) {
                throw new IllegalStateException("a certificate is required");
            }
            if (handler == null) {
                throw new IllegalStateException("a handler is required");
            }
            List<InetSocketAddress> binds = new ArrayList<>(addresses);
            if (binds.isEmpty()) {
                binds.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                binds.add(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            }
            binds.set(0, new InetSocketAddress(binds.get(0).getAddress(), port));
            ExecutorService owned = executor() == null ? DefaultExecutors.newBoundedDaemonPool("webtransport-server") : null;
            Executor runOn = executor() != null ? executor() : owned;
            TransportSettings t = TransportSettings.DEFAULT.withIdleTimeout(idleTimeout())
                    .withReceiveBufferLimit(receiveBufferLimit).withMaxIncomingStreams(maxIncomingBidi, maxIncomingUni)
                    .withSendBufferSize(sendBufferSize()).withKeyingMaterialExport(keyingMaterialExport())
                    .withCongestionControl(congestionControl());
            WtConfig config = WtConfig.DEFAULT.withMaxSessions(maxSessionsPerConnection)
                    .withIncomingDatagramQueue(incomingMaxBufferedDatagrams())
                    .withFlowControl(new FlowControlSettings(sessionReceiveWindow(), sessionStreamsBidi(), sessionStreamsUni()));
            ServerHandler h = handler;
            try {
                NettyServer server = NettyServer.start(binds, certificate.privateKey(), certificate.chain(), t, config,
                        limits, runOn, request -> answer(h, request), ioTransport(), eventLoops(),
                        loadBalancerRouting == null ? ConnectionIdLayout.PLAIN : loadBalancerRouting.layout());
                return new WebTransportServer(server, owned);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (owned != null) {
                    owned.shutdown();
                }
                throw new IOException("interrupted while binding", e);
            } catch (IOException | RuntimeException e) {
                if (owned != null) {
                    owned.shutdown();
                }
                throw e;
            }
        }

        private static void answer(ServerHandler handler, NettyServer.SessionRequest request) {
            ConnectResponse response;
            try {
                response = handler.onConnect(new ConnectRequest(request.headers(), request.remoteAddress()));
                if (response == null) {
                    response = ConnectResponse.reject(500);
                }
            } catch (RuntimeException e) {
                System.getLogger(WebTransportServer.class.getName())
                        .log(System.Logger.Level.WARNING, "the CONNECT handler threw; answering 500", e);
                response = ConnectResponse.reject(500, HttpFields.empty());
            }
            request.respond(response.status(), response.headers(), response.handler());
        }
    }
}
