package net.webtransport.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import net.webtransport.server.ServerCertificate;

/**
 * The raw QUIC baseline of the echo figures: a server that echoes every stream on its event loop,
 * stopping reading while it cannot write (so the echo is flow controlled end to end), and the
 * client side of a bulk echo and of 100-byte round trips.
 */
final class RawQuicEcho implements AutoCloseable {
    private final RawQuicThroughput peers;

    RawQuicEcho(ServerCertificate cert, BenchTransport transport) throws Exception {
        peers = new RawQuicThroughput(cert, transport, EchoSink::new);
    }

    /** Echoes {@code total} bytes through one stream; returns MB/s of the round trip, checked by count and CRC-32. */
    double echo(long total) throws Exception {
        QuicChannel quic = peers.connect();
        try {
            EchoCollector collector = new EchoCollector();
            QuicStreamChannel stream = quic.createStream(QuicStreamType.BIDIRECTIONAL, collector).get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            RawQuicThroughput.upload(stream, total);
            collector.done.get(120, TimeUnit.SECONDS);
            long nanos = System.nanoTime() - start;
            EchoCheck.verify(collector.count, collector.crc.getValue(), total);
            return total / 1e6 / (nanos / 1e9);
        } finally {
            quic.close().sync();
        }
    }

    /** Round-trip microseconds of {@code rounds} 100-byte messages on one open stream, after {@code warmUp} more. */
    long[] roundTrips(int warmUp, int rounds) throws Exception {
        QuicChannel quic = peers.connect();
        try {
            EchoCollector collector = new EchoCollector();
            QuicStreamChannel stream = quic.createStream(QuicStreamType.BIDIRECTIONAL, collector).get(10, TimeUnit.SECONDS);
            long[] micros = new long[rounds];
            for (int i = 0; i < warmUp + rounds; i++) {
                CompletableFuture<Void> back = collector.expect(100L * (i + 1));
                long start = System.nanoTime();
                stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[100]));
                back.get(10, TimeUnit.SECONDS);
                if (i >= warmUp) {
                    micros[i - warmUp] = (System.nanoTime() - start) / 1000;
                }
            }
            return micros;
        } finally {
            quic.close().sync();
        }
    }

    /** Client side: counts and checksums what comes back, and tells when a count or the FIN is reached. */
    static final class EchoCollector extends ChannelInboundHandlerAdapter {
        final CRC32 crc = new CRC32();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile long count;
        private volatile long awaited = Long.MAX_VALUE;
        private volatile CompletableFuture<Void> reached;

        CompletableFuture<Void> expect(long total) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            reached = f;
            awaited = total;
            if (count >= total) {
                f.complete(null);
            }
            return f;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            crc.update(b.nioBuffer());
            count += b.readableBytes();
            b.release();
            if (count >= awaited) {
                reached.complete(null);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownReadComplete.INSTANCE) {
                done.complete(null);
            }
        }
    }

    /** Server side: writes back what it reads, pausing reads while the stream is not writable. */
    static final class EchoSink extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownReadComplete.INSTANCE) {
                ctx.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true));
            }
        }
    }

    @Override
    public void close() {
        peers.close();
    }
}
