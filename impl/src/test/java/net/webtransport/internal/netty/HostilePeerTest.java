package net.webtransport.internal.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.webtransport.internal.session.FlowControlSettings;
import net.webtransport.internal.session.Role;
import net.webtransport.internal.session.WtConfig;
import net.webtransport.internal.session.WtConnection;
import net.webtransport.internal.wire.CloseSessionCapsule;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.VarInt;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerCertificate;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer built from Netty's plain HTTP/3 client sends what our own client never would. The server
 * must answer with the draft's error handling and keep serving, never let an exception escape.
 */
class HostilePeerTest {
    static final ServerCertificate CERT = ServerCertificate.selfSignedForLocalhost();

    /** The server's receive limit per connection: small, so that holding more than it shows. */
    static final long RECEIVE_LIMIT = 256 << 10;

    WebTransportServer server;
    /** What the server does with the streams of its sessions; a test may replace it. */
    volatile SessionHandler uniStreams = new SessionHandler() { };
    EventLoopGroup group;
    Channel socket;
    QuicChannel quic;
    final CompletableFuture<QuicConnectionCloseEvent> connectionClosed = new CompletableFuture<>();

    @BeforeEach
    void connect() throws Exception {
        server = WebTransportServer.builder().certificate(CERT).receiveBufferLimit(RECEIVE_LIMIT)
                .handler(r -> ConnectResponse.accept(new SessionHandler() {
                    @Override
                    public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                        uniStreams.onUnidirectionalStream(session, stream);
                    }

                    @Override
                    public void onBidirectionalStream(Session session, net.webtransport.transport.BidirectionalStream stream) {
                        uniStreams.onBidirectionalStream(session, stream);
                    }
                })).start();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        QuicSslContext ssl = QuicSslContextBuilder.forClient().trustManager(CERT.leaf()).applicationProtocols("h3").build();
        socket = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(Http3Setup.configure(Http3.newQuicClientCodecBuilder(), TransportSettings.DEFAULT)
                        .sslEngineProvider(q -> ssl.newEngine(q.alloc(), "localhost", server.port())).build())
                .bind(0).sync().channel();
        // The client announces WebTransport like ours does, so the server treats it as a WebTransport
        // peer, but without WebTransport flow control: the server's own receive bounds must hold alone.
        quic = connectPeer(WtConfig.DEFAULT.withFlowControl(FlowControlSettings.NONE));
    }

    /** A QUIC connection to the server whose HTTP/3 SETTINGS are those a client of this project with {@code config} sends. */
    QuicChannel connectPeer(WtConfig config) throws Exception {
        var settings = Http3Setup.localSettings(new WtConnection(Role.CLIENT, config).localSettings());
        return QuicChannel.newBootstrap(socket)
                .handler(new Http3ClientConnectionHandler(null, null, null, settings, true,
                        Http3Setup.ACCEPT_NON_STANDARD_SETTINGS, null, Http3Setup.MAX_UNKNOWN_FRAME_PAYLOAD) {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof QuicConnectionCloseEvent e) {
                            connectionClosed.complete(e);
                        }
                        ctx.fireUserEventTriggered(evt);
                    }
                })
                .remoteAddress(new InetSocketAddress("127.0.0.1", server.port()))
                .connect().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        quic.close();
        socket.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    /** Opens a CONNECT stream and returns it once the server answered; the answer's status is given. */
    QuicStreamChannel openSession(CompletableFuture<String> status, Consumer<Throwable> onError) throws Exception {
        QuicStreamChannel stream = Http3.newRequestStream(quic, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http3HeadersFrame h) {
                    status.complete(String.valueOf(h.headers().status()));
                }
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                onError.accept(cause);
            }
        }).get(5, TimeUnit.SECONDS);
        DefaultHttp3HeadersFrame connect = new DefaultHttp3HeadersFrame();
        connect.headers().method("CONNECT").scheme("https").authority("localhost").path("/")
                .add(":protocol", "webtransport-h3");
        stream.writeAndFlush(connect).sync();
        return stream;
    }

    @Test
    void aStreamOfUnknownTypeIsDiscardedWhileTheConnectionKeepsWorking() throws Exception {
        // RFC 9114 §6.2: unknown stream types are not an error; the server stops reading them
        // (STOP_SENDING H3_STREAM_CREATION_ERROR) and carries on. Whether the STOP_SENDING reaches
        // this client is not asserted: Netty here leaves a write to a stopped, already collected
        // stream pending instead of failing it.
        QuicStreamChannel unknown = quic.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                .get(5, TimeUnit.SECONDS);
        ByteBuf junk = Unpooled.buffer();
        junk.writeBytes(VarInt.encode(0x21)).writeBytes(new byte[100]); // 0x21: a reserved stream type
        unknown.writeAndFlush(junk).sync();
        CompletableFuture<String> status = new CompletableFuture<>();
        openSession(status, e -> { });
        assertEquals("200", status.get(5, TimeUnit.SECONDS), "the connection still serves sessions");
        assertTrue(quic.isActive());
    }

    @Test
    void aWtStreamNamingAnImpossibleSessionIdClosesTheConnectionWithH3IdError() throws Exception {
        QuicStreamChannel bidi = quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                .get(5, TimeUnit.SECONDS);
        ByteBuf header = Unpooled.buffer();
        header.writeBytes(VarInt.encode(0x41)).writeBytes(VarInt.encode(5)); // 5 is not a client bidi stream id
        bidi.writeAndFlush(header).sync();
        QuicConnectionCloseEvent close = connectionClosed.get(5, TimeUnit.SECONDS);
        assertEquals(ErrorCodes.H3_ID_ERROR, close.error());
    }

    @Test
    void anOversizedCloseCapsuleResetsTheConnectStreamWithH3MessageError() throws Exception {
        CompletableFuture<Throwable> reset = new CompletableFuture<>();
        CompletableFuture<String> status = new CompletableFuture<>();
        QuicStreamChannel connect = openSession(status, reset::complete);
        assertEquals("200", status.get(5, TimeUnit.SECONDS));
        ByteBuf capsule = Unpooled.buffer();
        capsule.writeBytes(VarInt.encode(CloseSessionCapsule.TYPE)).writeBytes(VarInt.encode(4 + 1025))
                .writeInt(0).writeBytes(new byte[1025]);
        connect.writeAndFlush(new DefaultHttp3DataFrame(capsule)).sync();
        QuicStreamResetException e = assertInstanceOf(QuicStreamResetException.class, reset.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCodes.H3_MESSAGE_ERROR, e.applicationProtocolCode());
        assertTrue(quic.isActive(), "a malformed capsule ends the session, not the connection");
    }

    @Test
    void aTruncatedStreamHeaderEndedByFinIsDroppedQuietly() throws Exception {
        QuicStreamChannel uni = quic.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                .get(5, TimeUnit.SECONDS);
        ByteBuf header = Unpooled.buffer();
        header.writeBytes(VarInt.encode(0x54)).writeByte(0x40); // a two-byte session id varint cut after one byte
        uni.writeAndFlush(header).sync();
        uni.shutdownOutput().sync();
        CompletableFuture<String> status = new CompletableFuture<>();
        openSession(status, e -> { });
        assertEquals("200", status.get(5, TimeUnit.SECONDS), "the connection still serves sessions");
        assertTrue(quic.isActive());
    }

    /**
     * A peer that starts many streams with a header it never completes makes the server keep each
     * one's partial header: a few bytes each, not a read buffer sized for data (Netty's is about
     * 2 KiB, which 200 such streams kept as 393,216 bytes of direct memory).
     */
    @Test
    void streamsLeftWithAPartialHeaderHoldOnlyTheirFewBytes() throws Exception {
        CompletableFuture<Void> marker = new CompletableFuture<>();
        uniStreams = new SessionHandler() {
            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                marker.complete(null);
            }
        };
        CompletableFuture<String> status = new CompletableFuture<>();
        QuicStreamChannel connect = openSession(status, e -> { });
        assertEquals("200", status.get(5, TimeUnit.SECONDS));
        long before = io.netty.util.internal.PlatformDependent.usedDirectMemory();
        List<QuicStreamChannel> partial = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            QuicStreamChannel uni = quic.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                    .get(5, TimeUnit.SECONDS);
            // The stream type, then a two-byte session id varint cut after its first byte; no FIN.
            uni.writeAndFlush(Unpooled.buffer().writeBytes(VarInt.encode(0x54)).writeByte(0x40)).sync();
            partial.add(uni);
        }
        // A whole stream written after them: once the server hands it over it has read the others
        // (a single client's stream data leaves in the order written; loopback loses nothing here).
        QuicStreamChannel last = quic.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                .get(5, TimeUnit.SECONDS);
        last.writeAndFlush(Unpooled.buffer().writeBytes(VarInt.encode(0x54)).writeBytes(VarInt.encode(connect.streamId()))
                .writeByte('m')).sync();
        marker.get(5, TimeUnit.SECONDS);
        long grown = io.netty.util.internal.PlatformDependent.usedDirectMemory() - before;
        assertTrue(grown < (128 << 10), "direct memory grew by " + grown + " bytes for " + partial.size() + " partial headers");
        assertTrue(quic.isActive());
    }

    /** Reads a stream to its FIN into {@code into}. */
    static void readToFin(ReceiveStream stream, java.io.ByteArrayOutputStream out, CompletableFuture<byte[]> into) {
        stream.read().whenComplete((r, e) -> {
            if (e != null) {
                into.completeExceptionally(e);
                return;
            }
            byte[] b = new byte[r.data().remaining()];
            r.data().get(b);
            out.writeBytes(b);
            if (r.fin()) {
                into.complete(out.toByteArray());
            } else {
                readToFin(stream, out, into);
            }
        });
    }

    /** Opens a unidirectional WebTransport stream for {@code sessionId} carrying {@code payload}, then FIN. */
    QuicStreamChannel sendUniStream(long sessionId, byte[] payload) throws Exception {
        QuicStreamChannel uni = quic.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                .get(5, TimeUnit.SECONDS);
        ByteBuf bytes = Unpooled.buffer();
        bytes.writeBytes(VarInt.encode(0x54)).writeBytes(VarInt.encode(sessionId)).writeBytes(payload);
        // Not awaited: once the server stops reading, flow control holds these writes back.
        uni.writeAndFlush(new io.netty.handler.codec.quic.DefaultQuicStreamFrame(bytes, true));
        return uni;
    }

    /** Waits (up to 10 s) until the server holds as many unread bytes as its per-connection limit. */
    void awaitServerHoldingItsLimit() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.bufferedReceiveBytes() < RECEIVE_LIMIT && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** The rest of the server is unaffected: a new session on a new connection is served. */
    void assertANewClientIsStillServed() throws Exception {
        try (net.webtransport.client.WebTransportClient client = net.webtransport.client.WebTransportClient.builder()
                .trust(CERT.leaf()).build()) {
            Session other = client.connect(java.net.URI.create("https://localhost:" + server.port() + "/"),
                    new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            other.close().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aUniStreamThatFinishedBeforeItsConnectArrivedIsDeliveredWholeOnceTheSessionIsEstablished() throws Exception {
        CompletableFuture<byte[]> early = new CompletableFuture<>();
        uniStreams = new SessionHandler() {
            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                readToFin(stream, new java.io.ByteArrayOutputStream(), early);
            }
        };
        // Session 0 is the first bidirectional stream this client opens: the CONNECT that follows.
        sendUniStream(0, "sent before the CONNECT".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CompletableFuture<String> status = new CompletableFuture<>();
        QuicStreamChannel connect = openSession(status, e -> { });
        assertEquals(0, connect.streamId());
        assertEquals("200", status.get(5, TimeUnit.SECONDS));
        assertEquals("sent before the CONNECT",
                new String(early.get(5, TimeUnit.SECONDS), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aPeerThatOpensMoreStreamsThanTheSessionAllowsLosesTheSessionWithWtFlowControlError() throws Exception {
        quic.close();
        quic = connectPeer(WtConfig.DEFAULT); // this peer turns WebTransport flow control on, then ignores it
        java.util.List<ReceiveStream> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
        uniStreams = new SessionHandler() {
            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                kept.add(stream); // open until read, so the peer gets no stream credit back
            }
        };
        CompletableFuture<Throwable> reset = new CompletableFuture<>();
        CompletableFuture<String> status = new CompletableFuture<>();
        openSession(status, reset::complete);
        assertEquals("200", status.get(5, TimeUnit.SECONDS));
        for (int i = 0; i <= WtConfig.DEFAULT_FLOW_CONTROL.maxStreamsUni(); i++) { // one more than granted
            sendUniStream(0, new byte[] {1});
        }
        QuicStreamResetException e = assertInstanceOf(QuicStreamResetException.class, reset.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCodes.WT_FLOW_CONTROL_ERROR, e.applicationProtocolCode());
        assertTrue(quic.isActive(), "a flow-control violation ends the session, not the connection");
        assertANewClientIsStillServed();
    }

    @Test
    void finishedStreamsNobodyReadsStayWithinTheConnectionsReceiveLimit() throws Exception {
        java.util.List<ReceiveStream> unread = new java.util.concurrent.CopyOnWriteArrayList<>();
        uniStreams = new SessionHandler() {
            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                unread.add(stream); // accepted, never read
            }
        };
        CompletableFuture<String> status = new CompletableFuture<>();
        openSession(status, e -> { });
        assertEquals("200", status.get(5, TimeUnit.SECONDS));
        byte[] payload = new byte[4000];
        int sent = 0;
        // 240 finished streams of 4000 bytes: 960,000 bytes against a 262,144-byte limit. Past the
        // limit the server stops reading, so some of these may wait in the peer's flow control.
        for (int i = 0; i < 240; i++) {
            try {
                sendUniStream(0, payload);
            } catch (java.util.concurrent.ExecutionException pastTheStreamLimit) {
                break; // the server grants no more streams while it holds the others unread
            }
            sent += payload.length;
        }
        awaitServerHoldingItsLimit();
        long held = server.bufferedReceiveBytes();
        assertTrue(held >= RECEIVE_LIMIT, "the server took what its limit allows: " + held);
        // Past the limit each stream still hands over the read that crossed it (a stream here is one
        // read), so the bound is the limit plus one read per stream; what matters is that the
        // server stopped taking data and flow control holds the rest at the peer.
        assertTrue(held < sent / 2, "the server holds " + held + " unread bytes of " + sent
                + " sent, against a limit of " + RECEIVE_LIMIT);
        assertANewClientIsStillServed();
    }

    @Test
    void bidiStreamsThatTheHandlerKeepsButNeverReadsStayWithinTheConnectionsReceiveLimit() throws Exception {
        java.util.List<Object> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
        uniStreams = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, net.webtransport.transport.BidirectionalStream stream) {
                kept.add(stream); // accepted, never read
            }
        };
        CompletableFuture<String> status = new CompletableFuture<>();
        openSession(status, e -> { });
        assertEquals("200", status.get(5, TimeUnit.SECONDS));
        int streams = 16;
        int chunks = 32;
        byte[] chunk = new byte[32 << 10];
        for (int i = 0; i < streams; i++) {
            QuicStreamChannel bidi = quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                    .get(5, TimeUnit.SECONDS);
            // A WebTransport bidi stream of session 0, then 1 MiB pushed as fast as flow control lets it.
            bidi.write(Unpooled.buffer().writeBytes(VarInt.encode(0x41)).writeBytes(VarInt.encode(0)));
            for (int c = 0; c < chunks; c++) {
                bidi.write(Unpooled.wrappedBuffer(chunk)); // not awaited: flow control holds what the server refuses
            }
            bidi.flush();
        }
        long offered = (long) streams * chunks * chunk.length;
        awaitServerHoldingItsLimit();
        long peak = 0;
        for (int i = 0; i < 20; i++) { // several looks while the peer keeps pushing
            peak = Math.max(peak, server.bufferedReceiveBytes());
            Thread.sleep(25);
        }
        // Past the limit each stream may still hand over the read that crossed it.
        assertTrue(peak < RECEIVE_LIMIT + streams * (64L << 10), "the server holds " + peak + " unread bytes of "
                + offered + " offered, against a limit of " + RECEIVE_LIMIT);
        // The QUIC connection window is no larger than the limit, so once it is full even the
        // headers of later streams wait at the peer: only some streams reached the handler.
        assertTrue(!kept.isEmpty() && kept.size() <= streams, kept.size() + " streams reached the handler");
        assertANewClientIsStillServed();
    }

    @Test
    void aConnectionThatNeverSendsSettingsIsClosedAfterTheSettingsTimeout() throws Exception {
        try (WebTransportServer strict = WebTransportServer.builder().certificate(CERT)
                .settingsTimeout(java.time.Duration.ofMillis(300))
                .handler(r -> ConnectResponse.accept(new SessionHandler() { })).start()) {
            CompletableFuture<QuicConnectionCloseEvent> closedByServer = new CompletableFuture<>();
            // A bare QUIC connection with ALPN h3: the handshake completes, but no HTTP/3 control
            // stream and so no SETTINGS ever follow.
            QuicChannel silent = QuicChannel.newBootstrap(socket)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt instanceof QuicConnectionCloseEvent e) {
                                closedByServer.complete(e);
                            }
                        }
                    })
                    .remoteAddress(new InetSocketAddress("127.0.0.1", strict.port()))
                    .connect().get(5, TimeUnit.SECONDS);
            assertEquals(1, strict.connectionCount());
            QuicConnectionCloseEvent close = closedByServer.get(5, TimeUnit.SECONDS);
            assertEquals(ErrorCodes.H3_NO_ERROR, close.error());
            silent.closeFuture().await(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (strict.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, strict.connectionCount(), "the server let go of the silent connection");
        }
    }
}
