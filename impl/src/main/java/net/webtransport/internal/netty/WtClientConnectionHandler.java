package net.webtransport.internal.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.util.function.LongFunction;

/**
 * Netty's HTTP/3 client connection handler, except that a bidirectional stream opened by the server
 * is accepted as a WebTransport stream (Netty closes the connection for it by default, as plain
 * HTTP/3 forbids server-initiated bidirectional streams).
 */
final class WtClientConnectionHandler extends Http3ClientConnectionHandler {

    WtClientConnectionHandler(ChannelHandler controlStreamObserver, LongFunction<ChannelHandler> unknownStreams,
                              Http3SettingsFrame localSettings) {
        super(controlStreamObserver, null, unknownStreams, localSettings, true,
                Http3Setup.ACCEPT_NON_STANDARD_SETTINGS, null, Http3Setup.MAX_UNKNOWN_FRAME_PAYLOAD);
    }

    @Override
    protected void initBidirectionalStream(ChannelHandlerContext ctx, QuicStreamChannel channel) {
        channel.pipeline().addLast(new StreamHeaderDecoder(StreamHeaderDecoder.Mode.BIDI_CLIENT));
    }
}
