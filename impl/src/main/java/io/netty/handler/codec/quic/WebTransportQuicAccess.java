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

    /** Whether 62-bit codes can be sent with this Netty build. */
    public static boolean isAvailable() {
        return CONNECTION != null;
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

    /**
     * Whether quiche no longer takes data for the stream although Netty's channel still looks
     * writable: the peer sent STOP_SENDING, or quiche already retired the stream after it. Netty
     * reports STOP_SENDING only to a write that is queued when it arrives; a later write to a
     * retired stream is queued forever, because quiche answers "done" for a stream it no longer
     * knows. Must run on the stream's event loop.
     *
     * @param everSent whether data was ever handed to quiche on this stream (before that, quiche
     *                 does not know a locally opened stream yet, which is not an error)
     */
    public static boolean isSendSideGone(QuicStreamChannel stream, boolean everSent) {
        if (!(stream instanceof QuicheQuicStreamChannel)) {
            return false;
        }
        QuicheQuicStreamChannel s = (QuicheQuicStreamChannel) stream;
        long capacity = s.parent().streamCapacity(s.streamId());
        return capacity == Quiche.QUICHE_ERR_STREAM_STOPPED
                || (everSent && capacity == Quiche.QUICHE_ERR_INVALID_STREAM_STATE);
    }
}
