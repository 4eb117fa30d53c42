package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.StreamHeader;
import net.webtransport.internal.wire.VarInt;
import net.webtransport.internal.wire.WireException;

/**
 * Reads the WebTransport header of a stream the peer opened and hands the stream to its
 * {@link WtConnectionHandler}, which puts a {@link StreamChannelHandler} in this decoder's place; bytes
 * after the header are passed on untouched.
 *
 * <ul>
 *   <li>{@link Mode#UNI}: Netty's HTTP/3 code has consumed the stream type 0x54; only the session id follows.</li>
 *   <li>{@link Mode#BIDI_SERVER}: the first varint decides. 0x41 (WT_STREAM) makes it a WebTransport
 *       stream and every HTTP/3 handler Netty installed behind this decoder is removed; anything else
 *       is an HTTP/3 request, and this decoder steps aside.</li>
 *   <li>{@link Mode#BIDI_CLIENT}: a server may open bidirectional streams only for WebTransport, so
 *       anything but 0x41 is H3_STREAM_CREATION_ERROR (RFC 9114 §6.1).</li>
 * </ul>
 */
final class StreamHeaderDecoder extends ByteToMessageDecoder {

    enum Mode { UNI, BIDI_SERVER, BIDI_CLIENT }

    private final Mode mode;

    /** The longest header: a two-byte signal value and an eight-byte session id. */
    static final int MAX_HEADER_BYTES = 10;

    StreamHeaderDecoder(Mode mode) {
        this.mode = mode;
        // A header still incomplete stays in a buffer of its own size: kept as read, each stream a
        // peer leaves with a partial header would pin one of Netty's read buffers (about 2 KiB) for
        // a few bytes that no receive budget counts.
        setCumulator((alloc, cumulation, in) -> {
            ByteBuf merged = MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
            int n = merged.readableBytes();
            if (n > MAX_HEADER_BYTES || merged.capacity() <= 2 * MAX_HEADER_BYTES) {
                return merged;
            }
            ByteBuf small = alloc.directBuffer(n, n).writeBytes(merged);
            merged.release();
            return small;
        });
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ByteBuffer view = in.nioBuffer(in.readerIndex(), in.readableBytes());
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        WtConnectionHandler connection = WtConnectionHandler.of(stream.parent());
        try {
            if (mode != Mode.UNI) {
                long type = VarInt.read(view);
                if (type == VarInt.INCOMPLETE) {
                    return;
                }
                if (type != StreamHeader.BIDI_SIGNAL) {
                    if (mode == Mode.BIDI_CLIENT) {
                        connection.onStreamHeaderError(stream, new WireException(ErrorCodes.H3_STREAM_CREATION_ERROR,
                                "a server-initiated bidirectional stream must start with WT_STREAM (0x41)"));
                        in.skipBytes(in.readableBytes());
                        return;
                    }
                    ctx.pipeline().remove(this); // an ordinary HTTP/3 request: let Netty's codec see it all
                    return;
                }
            }
            long sessionId = StreamHeader.readSessionId(view);
            if (sessionId == VarInt.INCOMPLETE) {
                return;
            }
            in.readerIndex(in.readerIndex() + view.position());
            if (mode == Mode.BIDI_SERVER) {
                removeHttp3HandlersAfter(ctx);
            }
            connection.onIncomingStream(ctx, sessionId);
        } catch (WireException e) {
            in.skipBytes(in.readableBytes());
            connection.onStreamHeaderError(stream, e);
        }
    }

    /** Netty appended its HTTP/3 request-stream handlers behind us; a WebTransport stream needs none of them. */
    private static void removeHttp3HandlersAfter(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        List<ChannelHandler> behind = new ArrayList<>();
        boolean after = false;
        for (Map.Entry<String, ChannelHandler> e : pipeline) {
            if (after) {
                behind.add(e.getValue());
            } else if (e.getValue() == ctx.handler()) {
                after = true;
            }
        }
        for (ChannelHandler h : behind) {
            pipeline.remove(h);
        }
    }
}
