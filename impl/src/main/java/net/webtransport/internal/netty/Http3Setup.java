package net.webtransport.internal.netty;

import io.netty.handler.codec.quic.QuicCongestionControlAlgorithm;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.DefaultHttp3SettingsFrame;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.StreamHeader;

/** How this project configures Netty's QUIC and HTTP/3 codecs, shared by the client and the server. */
final class Http3Setup {
    private Http3Setup() {
    }

    /**
     * The server's {@code active_connection_id_limit}, which quiche also takes as the most network
     * paths a connection may hold. quiche never frees a path the connection migrated away from (the
     * new path reuses its destination ID, so the old one never counts as unused; quiche PR #2743,
     * unmerged), and it drops every packet from an address that needs a path past the limit: with
     * quiche's default of 2 a client's second NAT rebinding stalled the connection until its idle
     * timeout. 16 lets one connection survive 15 address changes; quiche builds a path (its own
     * congestion and RTT state) only when a packet arrives from a new address.
     */
    static final long SERVER_PATHS = 16;

    /** Netty's own default for the payload of an unknown HTTP/3 frame. */
    static final int MAX_UNKNOWN_FRAME_PAYLOAD = 32 * 1024;

    /**
     * Netty silently drops SETTINGS it does not know unless a validator accepts them, in both
     * directions; every WebTransport setting is one it does not know.
     */
    static final Http3Settings.NonStandardHttp3SettingsValidator ACCEPT_NON_STANDARD_SETTINGS = (id, value) -> true;

    /** The SETTINGS frame to send: no QPACK dynamic table, plus the session layer's WebTransport settings. */
    static Http3SettingsFrame localSettings(Map<Long, Long> webTransportSettings) {
        Http3Settings settings = new Http3Settings(ACCEPT_NON_STANDARD_SETTINGS);
        settings.qpackMaxTableCapacity(0).qpackBlockedStreams(0).maxFieldSectionSize(64 * 1024);
        webTransportSettings.forEach(settings::put);
        return new DefaultHttp3SettingsFrame(settings);
    }

    /**
     * Handlers for unidirectional streams of types Netty does not know: 0x54 is a WebTransport
     * stream; any other type is refused with STOP_SENDING(H3_STREAM_CREATION_ERROR), which
     * RFC 9114 §6.2 allows for unknown stream types.
     */
    static LongFunction<ChannelHandler> unknownStreamHandlers() {
        return type -> type == StreamHeader.UNI_STREAM_TYPE
                ? new StreamHeaderDecoder(StreamHeaderDecoder.Mode.UNI)
                : UnknownStreamRefuser.INSTANCE;
    }

    /**
     * How a connection channel reads datagrams out of quiche. Netty takes at most
     * {@code maxMessagesPerRead} (16 by default) per pass and the next pass waits for the next
     * packet, so a peer sending datagrams faster fills quiche's receive queue
     * ({@code datagramQueueLength}), past which quiche drops them unseen and uncounted. One pass may
     * drain the whole queue; what a session's handler cannot keep up with is bounded, and counted, by
     * its own datagram queue.
     */
    static io.netty.channel.RecvByteBufAllocator datagramReads(TransportSettings t) {
        return new io.netty.channel.AdaptiveRecvByteBufAllocator().maxMessagesPerRead(t.datagramQueueLength());
    }

    /** Applies the transport parameters to a QUIC codec builder. */
    static <T extends QuicCodecBuilder<T>> T configure(T builder, TransportSettings t) {
        return builder
                .maxIdleTimeout(t.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // The connection window is what quiche may hold unread on top of what the streams hold
                // for their readers: never more than that receive budget.
                .initialMaxData(Math.min(t.connectionWindow(), t.receiveBufferLimit()))
                .initialMaxStreamDataBidirectionalLocal(t.streamWindow())
                .initialMaxStreamDataBidirectionalRemote(t.streamWindow())
                .initialMaxStreamDataUnidirectional(t.streamWindow())
                .initialMaxStreamsBidirectional(t.maxIncomingBidiStreams())
                // + 3 for the peer's HTTP/3 control and QPACK streams.
                .initialMaxStreamsUnidirectional(t.maxIncomingUniStreams() + 3)
                .congestionControlAlgorithm(switch (t.congestionControl()) {
                    case CUBIC -> QuicCongestionControlAlgorithm.CUBIC;
                    case RENO -> QuicCongestionControlAlgorithm.RENO;
                    case BBR -> QuicCongestionControlAlgorithm.BBR;
                })
                .datagram(t.datagramQueueLength(), t.datagramQueueLength());
    }

    @ChannelHandler.Sharable
    static final class UnknownStreamRefuser extends ChannelInboundHandlerAdapter {
        static final UnknownStreamRefuser INSTANCE = new UnknownStreamRefuser();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ((QuicStreamChannel) ctx.channel()).shutdownInput((int) ErrorCodes.H3_STREAM_CREATION_ERROR);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
