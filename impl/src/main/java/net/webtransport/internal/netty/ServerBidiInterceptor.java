package net.webtransport.internal.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;

/**
 * Placed in the server's QuicChannel pipeline before {@code Http3ServerConnectionHandler}, which is
 * final and would treat every client bidirectional stream as an HTTP/3 request. It puts a
 * {@link StreamHeaderDecoder} at the front of each such stream, before Netty appends its request
 * handlers, so WT_STREAM (0x41) streams can be taken away from them.
 */
@ChannelHandler.Sharable
final class ServerBidiInterceptor extends ChannelInboundHandlerAdapter {
    static final ServerBidiInterceptor INSTANCE = new ServerBidiInterceptor();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof QuicStreamChannel stream && stream.type() == QuicStreamType.BIDIRECTIONAL) {
            stream.pipeline().addFirst(new StreamHeaderDecoder(StreamHeaderDecoder.Mode.BIDI_SERVER));
        }
        ctx.fireChannelRead(msg); // the channel's tail registers the stream; it must get there
    }
}
