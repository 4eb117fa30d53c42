package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.QuicStreamResetException;

/**
 * The last handler of a WebTransport stream's pipeline (no HTTP/3 codec: the stream header was
 * consumed or written already): passes what the channel reports to its {@link NettyStream}.
 */
final class StreamChannelHandler extends ChannelInboundHandlerAdapter {
    private final NettyStream stream;

    StreamChannelHandler(NettyStream stream) {
        this.stream = stream;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        if (stream.reader() == null) {
            data.release();
            return;
        }
        stream.reader().onData(data);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (stream.reader() != null) {
            stream.reader().onReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownReadComplete.INSTANCE && stream.reader() != null) {
            stream.onFin();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && stream.writer() != null) {
            stream.connection().pump().wakeAfterWritable(stream.writer());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof QuicStreamResetException reset && stream.reader() != null) {
            stream.reader().onReset(reset.applicationProtocolCode());
            stream.connection().resumeBudgetWaiters();
        } else {
            stream.connection().logPeerProblem("stream " + stream.id() + " failed", cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stream.connection().noteConnectionLoss();
        stream.onChannelClosed();
        ctx.fireChannelInactive();
    }
}
