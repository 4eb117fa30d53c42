package net.webtransport.internal.netty;

import net.webtransport.internal.wire.VarInt;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3Exception;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.quic.QuicException;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import java.nio.ByteBuffer;
import java.util.Map;
import net.webtransport.internal.session.Role;
import net.webtransport.transport.HttpFields;

/**
 * The application end of an HTTP/3 request stream, behind Netty's HTTP/3 codec: on the server every
 * request stream, on the client the CONNECT streams it opened. Headers, body bytes (the capsule
 * stream), FIN and resets go to the session layer; its commands for the stream come back here.
 */
final class ConnectStreamHandler extends Http3RequestStreamInboundHandler {
    private final WtConnectionHandler connection;
    private QuicStreamChannel channel;
    private long id = -1;
    private boolean requestSeen;
    /** HTTP/3 frame type of DATA (RFC 9114 §7.2.1). */
    private static final long DATA_FRAME = 0x00;

    ConnectStreamHandler(WtConnectionHandler connection) {
        this.connection = connection;
    }

    long id() {
        return id;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = (QuicStreamChannel) ctx.channel();
        id = channel.streamId();
        connection.registerConnectStream(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        connection.unregisterConnectStream(this); // a WT_STREAM (0x41) took the stream from the HTTP/3 codec
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
        HttpFields fields = fromNetty(frame.headers());
        if (connection.role() == Role.SERVER) {
            if (!requestSeen) {
                requestSeen = true;
                connection.core().onRequestHeaders(id, fields);
            }
            // Trailers on a CONNECT stream carry nothing for WebTransport.
        } else {
            connection.core().onResponseHeaders(id, fields);
        }
        connection.driveNow();
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
        try {
            ByteBuffer body = frame.content().nioBuffer();
            connection.core().onCapsuleData(id, body);
        } finally {
            frame.release();
        }
        connection.driveNow();
    }

    @Override
    protected void channelInputClosed(ChannelHandlerContext ctx) {
        connection.core().onConnectStreamFin(id);
        connection.driveNow();
    }

    @Override
    protected void handleQuicException(ChannelHandlerContext ctx, QuicException exception) {
        if (exception instanceof QuicStreamResetException reset) {
            connection.core().onConnectStreamReset(id, reset.applicationProtocolCode());
            connection.driveNow();
        }
    }

    @Override
    protected void handleHttp3Exception(ChannelHandlerContext ctx, Http3Exception exception) {
        connection.core().abortSession(id, exception.errorCode().code(), exception.getMessage());
        connection.driveNow();
    }

    /** What Netty's HTTP/3 handler does not handle itself ends here, logged, not at the pipeline's tail. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http3Exception || cause instanceof QuicException) {
            try {
                super.exceptionCaught(ctx, cause);
            } catch (Exception e) {
                connection.logPeerProblem("request stream " + id, e);
            }
            return;
        }
        connection.logPeerProblem("request stream " + id, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.onConnectStreamClosed(this);
        super.channelInactive(ctx);
    }

    // ------------------------------------------------------------------ commands

    void sendHeaders(HttpFields fields, boolean fin) {
        channel.writeAndFlush(new DefaultHttp3HeadersFrame(toNetty(fields)));
        if (fin) {
            finish();
        }
    }

    void sendData(ByteBuffer bytes, boolean fin) {
        if (fin) {
            writeDataWithFin(bytes);
        } else {
            channel.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(bytes)));
        }
    }

    /**
     * Ends this side of the stream. The FIN travels in an empty DATA frame rather than alone:
     * quiche may retire a stream whose data is all acknowledged before a lone FIN was sent
     * (quiche#2525), and the peer then never learns the session ended.
     */
    void finish() {
        writeDataWithFin(ByteBuffer.allocate(0));
    }

    /**
     * Writes one HTTP/3 DATA frame and the FIN in the same QUIC STREAM frame. The frame is encoded
     * here and written below the HTTP/3 codec, whose writes cannot carry a FIN; the codec's earlier
     * writes are queued ahead of it on the same channel, so the order holds.
     */
    private void writeDataWithFin(ByteBuffer payload) {
        int n = payload.remaining();
        ByteBuf frame = channel.alloc().buffer(VarInt.size(DATA_FRAME) + VarInt.size(n) + n);
        ByteBuffer header = ByteBuffer.allocate(16);
        VarInt.write(header, DATA_FRAME);
        VarInt.write(header, n);
        frame.writeBytes(header.flip()).writeBytes(payload);
        channel.pipeline().firstContext().writeAndFlush(new DefaultQuicStreamFrame(frame, true));
    }

    void reset(long http3Code) {
        StreamShutdown.reset(channel, http3Code);
    }

    void stopSending(long http3Code) {
        StreamShutdown.stopSending(channel, http3Code);
    }

    static HttpFields fromNetty(Http3Headers headers) {
        HttpFields.Builder b = HttpFields.builder();
        for (Map.Entry<CharSequence, CharSequence> e : headers) {
            b.add(e.getKey().toString(), e.getValue().toString());
        }
        return b.build();
    }

    static Http3Headers toNetty(HttpFields fields) {
        Http3Headers headers = new DefaultHttp3Headers();
        for (HttpFields.Field f : fields) {
            headers.add(f.name(), f.value());
        }
        return headers;
    }
}
