package io.netty.handler.codec.quic;

import java.lang.reflect.Field;

/**
 * Sends RESET_STREAM and STOP_SENDING with 62-bit error codes.
 *
 * <p>WebTransport maps its 32-bit application codes into the HTTP/3 range starting at
 * 0x52e4a40fa8db (draft-ietf-webtrans-http3-16 §4.4), far above what Netty's
 * {@code QuicStreamChannel.shutdownOutput(int)} and {@code shutdownInput(int)} accept, while the
 * native {@code quiche_conn_stream_shutdown} they call takes a 64-bit code. This class lives in
 * Netty's package (a split package, which works on the class path) to reach that native call.
 * It is the narrowest workaround we found; an upstream {@code long} overload would replace it.
 *
 * <p>Callers then invoke the public {@code shutdownOutput(0)} / {@code shutdownInput(0)} so that
 * Netty's own stream state follows; quiche ignores the second shutdown of a direction (it answers
 * "done"), so the code that goes on the wire is the 62-bit one.
 */
public final class WebTransportQuicAccess {

    private static final Field CONNECTION = connectionField();

    private WebTransportQuicAccess() {
    }

    private static Field connectionField() {
        try {
            Field f = QuicheQuicChannel.class.getDeclaredField("connection");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Shuts down the given directions of {@code stream} with {@code errorCode}. Must run on the
     * stream's event loop.
     *
     * @return false if the connection is already gone or the workaround is unavailable
     */
    public static boolean shutdown(QuicStreamChannel stream, boolean read, boolean write, long errorCode) {
        if (CONNECTION == null || !(stream instanceof QuicheQuicStreamChannel)) {
            return false;
        }
        assert stream.eventLoop().inEventLoop();
        QuicheQuicStreamChannel s = (QuicheQuicStreamChannel) stream;
        QuicheQuicChannel parent = s.parent();
        QuicheQuicConnection connection;
        try {
            connection = (QuicheQuicConnection) CONNECTION.get(parent);
        } catch (IllegalAccessException e) {
            return false;
        }
        if (connection == null || connection.isFreed()) {
            return false;
        }
        long address = connection.address();
        if (read) {
            Quiche.quiche_conn_stream_shutdown(address, s.streamId(), Quiche.QUICHE_SHUTDOWN_READ, errorCode);
        }
        if (write) {
            Quiche.quiche_conn_stream_shutdown(address, s.streamId(), Quiche.QUICHE_SHUTDOWN_WRITE, errorCode);
        }
        parent.connectionSendAndFlush();
        return true;
    }

    /** Whether {@code channel} closed because its idle timeout passed (Netty keeps the flag, not public). */
    public static boolean isTimedOut(QuicChannel channel) {
        return channel instanceof QuicheQuicChannel q && q.isTimedOut();
    }

    /** Quiche's error for a stream the peer sent STOP_SENDING for. */
    public static final long STREAM_STOPPED = Quiche.QUICHE_ERR_STREAM_STOPPED;
    /** Quiche's error for a stream it does not know (not opened yet, or retired). */
    public static final long INVALID_STREAM_STATE = Quiche.QUICHE_ERR_INVALID_STREAM_STATE;

    /**
     * How many bytes quiche takes on {@code stream} right now (stream and connection flow control and
     * the congestion window together), read fresh from quiche rather than from Netty's cached value,
     * which goes stale when other streams of the connection send; negative is a quiche error such as
     * {@link #STREAM_STOPPED}. Must run on the stream's event loop.
     */
    public static long capacity(QuicStreamChannel stream) {
        if (!(stream instanceof QuicheQuicStreamChannel s)) {
            return stream.bytesBeforeUnwritable();
        }
        return s.parent().streamCapacity(s.streamId());
    }

    /**
     * How many more streams of a kind the peer lets this endpoint open now, read fresh from quiche.
     * Netty's {@code peerAllowedStreams} is a cache it refreshes only when it reads exactly 0, and the
     * HTTP/3 codec's request streams can drive it below 0, after which it never refreshes (nor fires
     * {@code QuicStreamLimitChangedEvent}) again. Must run on the channel's event loop.
     */
    public static long peerStreamsLeft(QuicChannel channel, boolean bidirectional) {
        if (CONNECTION != null && channel instanceof QuicheQuicChannel q) {
            try {
                QuicheQuicConnection connection = (QuicheQuicConnection) CONNECTION.get(q);
                if (connection == null || connection.isFreed()) {
                    return 0;
                }
                return bidirectional ? Quiche.quiche_conn_peer_streams_left_bidi(connection.address())
                        : Quiche.quiche_conn_peer_streams_left_uni(connection.address());
            } catch (IllegalAccessException e) {
                // fall through to Netty's cache
            }
        }
        return channel.peerAllowedStreams(bidirectional ? QuicStreamType.BIDIRECTIONAL : QuicStreamType.UNIDIRECTIONAL);
    }

    /**
     * Fails at start-up, with a message naming the Netty version, when this helper cannot reach
     * quiche: without it stream error codes would silently go out as 0.
     */
    public static void checkAvailable() {
        if (CONNECTION == null) {
            throw new IllegalStateException("this Netty build (" + Quiche.class.getPackage().getImplementationVersion()
                    + ") does not expose quiche's connection: WebTransport stream error codes cannot be sent");
        }
    }
}
