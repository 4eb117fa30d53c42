package net.webtransport.internal.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3GoAwayFrame;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sits on the peer's HTTP/3 control stream (Netty's {@code inboundControlStreamHandler}) and passes
 * SETTINGS and GOAWAY to the connection's session layer.
 */
final class ControlStreamObserver extends ChannelInboundHandlerAdapter {
    private final WtConnectionHandler connection;

    ControlStreamObserver(WtConnectionHandler connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http3SettingsFrame settings) {
                Map<Long, Long> map = new LinkedHashMap<>();
                for (Map.Entry<Long, Long> e : settings) {
                    map.put(e.getKey(), e.getValue());
                }
                connection.onPeerSettings(map);
            } else if (msg instanceof Http3GoAwayFrame goAway) {
                connection.onGoAway(goAway.id());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}
