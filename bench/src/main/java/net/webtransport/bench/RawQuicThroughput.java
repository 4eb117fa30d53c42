package net.webtransport.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.webtransport.server.ServerCertificate;

/**
 * The baseline: one bidirectional stream over Netty QUIC with no HTTP/3 or WebTransport on top,
 * the same transport parameters, socket buffers, chunk size and write pattern as the WebTransport
 * run. The server counts the bytes on its event loop and answers with the count after FIN.
 */
final class RawQuicThroughput implements AutoCloseable {
    /** The thread name prefix of the server's event loop, for {@link ServerCpu}. */
    static final String SERVER_THREADS = "raw-quic-server";

    private final BenchTransport transport;
    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private final Channel serverSocket;
    private final Channel clientSocket;

    RawQuicThroughput(ServerCertificate cert, BenchTransport transport) throws Exception {
        this(cert, transport, CountingSink::new);
    }

    /** @param serverStreams makes the handler of each stream the server accepts */
    RawQuicThroughput(ServerCertificate cert, BenchTransport transport,
                      java.util.function.Supplier<io.netty.channel.ChannelHandler> serverStreams) throws Exception {
        this.transport = transport;
        this.serverGroup = transport.newGroup(SERVER_THREADS + "-loop");
        this.clientGroup = transport.newGroup("raw-quic-client-loop");
        QuicSslContext serverSsl = QuicSslContextBuilder.forServer(cert.privateKey(), null, cert.chain())
                .applicationProtocols("bench").build();
        QuicSslContext clientSsl = QuicSslContextBuilder.forClient().trustManager(cert.leaf())
                .applicationProtocols("bench").build();
        serverSocket = transport.datagramBootstrap(serverGroup)
                .handler(configure(new QuicServerCodecBuilder()).sslContext(serverSsl)
                        .option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, transport.packetAllocator())
                        .handler(new ChannelInitializer<QuicChannel>() { // a handler per connection
                            @Override
                            protected void initChannel(QuicChannel ch) {
                            }
                        })
                        .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                            @Override
                            protected void initChannel(QuicStreamChannel ch) {
                                ch.pipeline().addLast(serverStreams.get());
                            }
                        }).build())
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        int serverPort = ((InetSocketAddress) serverSocket.localAddress()).getPort();
        clientSocket = transport.datagramBootstrap(clientGroup)
                .handler(configure(new QuicClientCodecBuilder())
                        // Same peer name as the WebTransport client sends, so the certificate check matches.
                        .sslEngineProvider(q -> clientSsl.newEngine(q.alloc(), "127.0.0.1", serverPort))
                        .build())
                .bind(0).sync().channel();
    }

    private static <T extends QuicCodecBuilder<T>> T configure(T b) {
        return b.maxIdleTimeout(30, TimeUnit.SECONDS)
                .initialMaxData(Settings.CONNECTION_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(Settings.STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalRemote(Settings.STREAM_WINDOW)
                .initialMaxStreamDataUnidirectional(Settings.STREAM_WINDOW)
                .initialMaxStreamsBidirectional(256)
                .initialMaxStreamsUnidirectional(256);
    }

    /** A new connection to this baseline's server. */
    QuicChannel connect() throws Exception {
        return QuicChannel.newBootstrap(clientSocket)
                .option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, transport.packetAllocator())
                .handler(new ChannelInboundHandlerAdapter())
                .remoteAddress(serverSocket.localAddress())
                .connect().get(10, TimeUnit.SECONDS);
    }

    /** Sends {@code total} bytes on a new connection and stream; returns MB/s measured at the sender. */
    double run(long total) throws Exception {
        QuicChannel quic = connect();
        try {
            CompletableFuture<Long> counted = new CompletableFuture<>();
            QuicStreamChannel stream = quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf b = (ByteBuf) msg;
                    counted.complete(b.readLong());
                    b.release();
                }
            }).get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            upload(stream, total);
            long count = counted.get(60, TimeUnit.SECONDS);
            long nanos = System.nanoTime() - start;
            if (count != total) {
                throw new IllegalStateException("raw QUIC server counted " + count + " of " + total + " bytes");
            }
            return total / 1e6 / (nanos / 1e9);
        } finally {
            quic.close().sync();
        }
    }

    /** Writes {@code total} bytes of the payload through a {@link WriteWindow}, then FIN. */
    static void upload(QuicStreamChannel stream, long total) throws Exception {
        byte[] chunk = Payload.chunk();
        WriteWindow window = new WriteWindow();
        for (long off = 0; off < total; off += chunk.length) {
            window.add(write(stream, stream.alloc().directBuffer(chunk.length).writeBytes(chunk)));
        }
        window.drain();
        stream.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true));
    }

    /** Writes and flushes, as a future. */
    static CompletableFuture<Void> write(QuicStreamChannel stream, ByteBuf buf) {
        CompletableFuture<Void> write = new CompletableFuture<>();
        stream.writeAndFlush(buf).addListener(f -> {
            if (f.isSuccess()) {
                write.complete(null);
            } else {
                write.completeExceptionally(f.cause());
            }
        });
        return write;
    }

    /** Counts what arrives and answers with the count after FIN. */
    static final class CountingSink extends ChannelInboundHandlerAdapter {
        private long count;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            count += b.readableBytes();
            b.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownReadComplete.INSTANCE) {
                ctx.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.copyLong(count), true));
            }
        }
    }

    @Override
    public void close() {
        clientSocket.close().syncUninterruptibly();
        serverSocket.close().syncUninterruptibly();
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
