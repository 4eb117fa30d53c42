package net.webtransport.client;

import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.TrustManagerFactory;
import net.webtransport.internal.netty.DefaultExecutors;
import net.webtransport.internal.netty.NettyClient;
import net.webtransport.internal.netty.TransportSettings;
import net.webtransport.internal.session.FlowControlSettings;
import net.webtransport.internal.session.WtConfig;
import net.webtransport.internal.wire.Subprotocols;
import net.webtransport.transport.EndpointBuilder;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.IoTransport;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * A WebTransport-over-HTTP/3 client: opens sessions to {@code https} URLs.
 *
 * {@snippet :
 * try (WebTransportClient client = WebTransportClient.builder().trust(serverCertificate).build()) {
 *     Session session = client.connect(URI.create("https://localhost:4433/echo"), new SessionHandler() {}).join();
 *     BidirectionalStream stream = session.openBidirectionalStream().join();
 * }
 * }
 *
 * <p>The client waits for the server's SETTINGS before sending the extended CONNECT and fails the
 * session with a clear message if they do not announce WebTransport. Futures complete on the
 * client's executor.
 */
public final class WebTransportClient implements AutoCloseable {
    private final NettyClient client;
    private final ExecutorService ownedExecutor;

    private WebTransportClient(NettyClient client, ExecutorService ownedExecutor) {
        this.client = client;
        this.ownedExecutor = ownedExecutor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens a session on a connection of its own. */
    public CompletableFuture<Session> connect(URI uri, SessionHandler handler) {
        return connect(uri, ConnectOptions.DEFAULT, handler);
    }

    /**
     * Opens a session.
     *
     * @throws IllegalArgumentException if the URL is not {@code https} or has a fragment
     */
    public CompletableFuture<Session> connect(URI uri, ConnectOptions options, SessionHandler handler) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        return client.connect(uri, new NettyClient.Request(options.requestFields(), options.protocolRequired(),
                options.pooled(), options.serverCertificateHashes()), handler);
    }

    /** QUIC connections open now (a dedicated one closes once its session has ended). */
    public int connectionCount() {
        return client.connectionCount();
    }

    /**
     * UDP sockets open now, in use or kept for the next connection. Up to 16 connections per event
     * loop get a socket each; more share those sockets, which bounds the native memory each socket's
     * QUIC codec takes (about 1 MiB here, see the README).
     */
    public int socketCount() {
        return client.socketCount();
    }

    /**
     * The socket layer in use: {@link IoTransport#EPOLL} or {@link IoTransport#NIO} (never
     * {@link IoTransport#AUTO}).
     */
    public IoTransport ioTransport() {
        return client.transport();
    }

    /** The socket layer with its offloads, for logs: such as {@code epoll (GSO, no GRO)} or {@code nio}. */
    public String ioTransportDescription() {
        return client.transportDescription();
    }

    /**
     * How many connections each of the client's event loops carries now, one entry per loop (see
     * {@link Builder#eventLoops(int)}).
     */
    public List<Integer> connectionsPerLoop() {
        return client.connectionsPerLoop();
    }

    /** Closes every connection with H3_NO_ERROR; sessions still open end abruptly. */
    @Override
    public void close() {
        client.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    /**
     * Per-session options.
     *
     * @param headers   extra request fields; {@code wt-available-protocols} is not one of them (use {@code protocols})
     * @param origin    the {@code origin} field to send, or null for none
     * @param pooled    whether the session may share a connection with other pooled sessions to the same authority
     * @param protocols application protocols offered in {@code WT-Available-Protocols}, most preferred
     *                  first: each 1 to 512 printable ASCII characters, none twice
     * @param protocolRequired whether a server that chooses none of {@code protocols} fails the session
     *                  (closed with WT_ALPN_ERROR); otherwise the session opens and {@link Session#protocol()}
     *                  is empty, as in browsers
     */
    public record ConnectOptions(HttpFields headers, String origin, boolean pooled, List<String> protocols,
                                 boolean protocolRequired, List<byte[]> serverCertificateHashes) {
        public static final ConnectOptions DEFAULT = new ConnectOptions(HttpFields.empty(), null, false, List.of(), false, List.of());

        /**
         * @throws IllegalArgumentException if {@code headers} holds a pseudo-header or
         *         {@code wt-available-protocols}, or a protocol is empty, too long, not printable
         *         ASCII or repeated, or a protocol is required but none is offered, or a pooled
         *         session would trust certificate hashes, or a hash is not 32 bytes
         */
        public ConnectOptions {
            Objects.requireNonNull(headers, "headers");
            protocols = List.copyOf(protocols);
            serverCertificateHashes = serverCertificateHashes.stream().map(byte[]::clone).toList();
            for (byte[] h : serverCertificateHashes) {
                if (h.length != 32) {
                    throw new IllegalArgumentException("a SHA-256 certificate hash has 32 bytes, not " + h.length);
                }
            }
            if (pooled && !serverCertificateHashes.isEmpty()) {
                throw new IllegalArgumentException("certificate hashes need a dedicated connection, not a pooled one");
            }
            for (HttpFields.Field f : headers) {
                if (f.name().startsWith(":")) {
                    throw new IllegalArgumentException("pseudo-header " + f.name() + " cannot be set by the caller");
                }
                if (f.name().equals(Subprotocols.AVAILABLE_PROTOCOLS)) {
                    throw new IllegalArgumentException("wt-available-protocols is set through the protocols option, not as a header");
                }
            }
            Subprotocols.checkOffer(protocols);
            if (protocolRequired && protocols.isEmpty()) {
                throw new IllegalArgumentException("a protocol is required but none is offered");
            }
        }

        public ConnectOptions withHeaders(HttpFields headers) {
            return new ConnectOptions(headers, origin, pooled, protocols, protocolRequired, serverCertificateHashes);
        }

        public ConnectOptions withOrigin(String origin) {
            return new ConnectOptions(headers, origin, pooled, protocols, protocolRequired, serverCertificateHashes);
        }

        public ConnectOptions withPooling(boolean pooled) {
            return new ConnectOptions(headers, origin, pooled, protocols, protocolRequired, serverCertificateHashes);
        }

        /** Offers {@code protocols} (most preferred first); the session opens whatever the server chooses. */
        public ConnectOptions withProtocols(List<String> protocols) {
            return new ConnectOptions(headers, origin, pooled, protocols, false, serverCertificateHashes);
        }

        /** Offers {@code protocols} and fails the session with WT_ALPN_ERROR unless the server chooses one. */
        public ConnectOptions requiringOneOf(List<String> protocols) {
            return new ConnectOptions(headers, origin, pooled, protocols, true, serverCertificateHashes);
        }

        /**
         * Trusts the server by the SHA-256 hashes of acceptable certificates instead of the client's
         * trust (the W3C API's {@code serverCertificateHashes}): the certificate must match a hash,
         * be valid now for at most 14 days in all, and have an ECDSA P-256 key. Needs a dedicated
         * connection.
         */
        public ConnectOptions withServerCertificateHashes(List<byte[]> sha256Hashes) {
            return new ConnectOptions(headers, origin, pooled, protocols, protocolRequired, sha256Hashes);
        }

        /** The request fields these options add to the CONNECT. */
        HttpFields requestFields() {
            HttpFields fields = headers;
            if (origin != null) {
                fields = fields.without("origin").with("origin", origin);
            }
            if (!protocols.isEmpty()) {
                fields = fields.with(Subprotocols.AVAILABLE_PROTOCOLS, Subprotocols.offerField(protocols));
            }
            return fields;
        }
    }

    /** Configures a {@link WebTransportClient}. */
    public static final class Builder extends EndpointBuilder<Builder> {
        private TrustManagerFactory trust;
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** Trusts exactly these certificates (instead of the JDK's default trust store). */
        public Builder trust(X509Certificate... certificates) {
            try {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (int i = 0; i < certificates.length; i++) {
                    store.setCertificateEntry("trusted-" + i, certificates[i]);
                }
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init(store);
                this.trust = f;
            } catch (Exception e) {
                throw new IllegalArgumentException("unusable certificates", e);
            }
            return this;
        }

        public Builder trustManagerFactory(TrustManagerFactory factory) {
            this.trust = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** How long the QUIC handshake may take. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public WebTransportClient build() {
            ExecutorService owned = null;
            Executor runOn = executor();
            if (runOn == null) {
                owned = DefaultExecutors.newBoundedDaemonPool("webtransport-client");
                runOn = owned;
            }
            TransportSettings t = TransportSettings.DEFAULT.withIdleTimeout(idleTimeout()).withSendBufferSize(sendBufferSize()).withKeyingMaterialExport(keyingMaterialExport())
                    .withCongestionControl(congestionControl());
            try {
                return new WebTransportClient(new NettyClient(trust, t,
                        WtConfig.DEFAULT.withIncomingDatagramQueue(incomingMaxBufferedDatagrams())
                                .withFlowControl(new FlowControlSettings(sessionReceiveWindow(), sessionStreamsBidi(), sessionStreamsUni())), runOn, connectTimeout,
                        ioTransport(), eventLoops()), owned);
            } catch (RuntimeException e) {
                if (owned != null) {
                    owned.shutdown();
                }
                throw e;
            }
        }
    }
}
