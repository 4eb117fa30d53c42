package net.webtransport.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
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
    /** The last write, so that FIN is sent only after it (shutdownOutput jumps Netty's write queue). */
    private ChannelFuture lastWrite;

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
        write(new DefaultHttp3HeadersFrame(toNetty(fields)), fin);
    }

    void sendData(ByteBuffer bytes, boolean fin) {
        write(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(bytes)), fin);
    }

    private void write(Object frame, boolean fin) {
        lastWrite = channel.writeAndFlush(frame);
        if (fin) {
            finish();
        }
    }

    void finish() {
        if (lastWrite == null || lastWrite.isDone()) {
            channel.shutdownOutput();
        } else {
            lastWrite.addListener(f -> channel.shutdownOutput());
        }
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
