package net.webtransport.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import net.webtransport.internal.wire.StreamHeader;
import net.webtransport.transport.StreamLimitException;
import net.webtransport.transport.WebTransportException;

/**
 * Opens WebTransport streams for the sessions of one connection. A stream past the peer's stream
 * limit waits (as the W3C API's {@code create*Stream} does) until the peer grants more, which quiche
 * reports as {@code QuicStreamLimitChangedEvent}; waiting opens keep their order and fail when their
 * session or the connection ends. Event loop only.
 */
final class StreamOpener {

    private record Waiting(NettySession session, CompletableFuture<NettyStream> result) {
    }

    private final WtConnectionHandler connection;
    private final ArrayDeque<Waiting> waitingBidi = new ArrayDeque<>();
    private final ArrayDeque<Waiting> waitingUni = new ArrayDeque<>();

    StreamOpener(WtConnectionHandler connection) {
        this.connection = connection;
    }

    /**
     * Opens a stream for {@code session}; it waits for the peer's credit, or, without
     * {@code waitUntilAvailable}, fails with {@link StreamLimitException} when it would have to.
     */
    void open(NettySession session, boolean bidirectional, boolean waitUntilAvailable, CompletableFuture<NettyStream> result) {
        ArrayDeque<Waiting> waiting = bidirectional ? waitingBidi : waitingUni;
        if (!waitUntilAvailable && connection.core().isEstablished(session.id())) {
            boolean quicCredit = waiting.isEmpty() && allowed(bidirectional) > 0;
            if (!quicCredit || !connection.core().tryOpenStream(session.id(), bidirectional)) {
                connection.driveNow(); // a WT_STREAMS_BLOCKED the session layer may have queued
                fail(result, new StreamLimitException("the peer allows no more "
                        + (bidirectional ? "bidirectional" : "unidirectional") + " streams now"));
                return;
            }
            create(session, bidirectional, result); // counted against the session's credit just now
            return;
        }
        waiting.add(new Waiting(session, result));
        drain(bidirectional);
    }

    /** QUIC or a session's flow control may have granted streams: opens what waited, oldest first. */
    void onStreamLimitChanged() {
        drain(true);
        drain(false);
    }

    /**
     * Opens waiting streams in order while QUIC allows more. A session whose own WebTransport
     * stream limit is used up (draft §5.6.2) keeps its opens waiting without holding up other
     * sessions' opens behind them.
     */
    private void drain(boolean bidirectional) {
        ArrayDeque<Waiting> waiting = bidirectional ? waitingBidi : waitingUni;
        java.util.Set<NettySession> sessionBlocked = new java.util.HashSet<>();
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext() && allowed(bidirectional) > 0; ) {
            Waiting w = it.next();
            if (sessionBlocked.contains(w.session())) {
                continue; // keep this session's opens in order behind its blocked one
            }
            boolean mayOpen = !connection.core().isEstablished(w.session().id())
                    || connection.core().tryOpenStream(w.session().id(), bidirectional);
            if (!mayOpen) {
                sessionBlocked.add(w.session());
                continue;
            }
            it.remove();
            create(w.session(), bidirectional, w.result());
        }
        if (!sessionBlocked.isEmpty()) {
            connection.driveNow(); // the WT_STREAMS_BLOCKED capsules
        }
    }

    /** Fails the opens waiting for a session that ended (or, with null, for every session). */
    void failWaiting(NettySession session, Throwable cause) {
        for (ArrayDeque<Waiting> waiting : java.util.List.of(waitingBidi, waitingUni)) {
            for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
                Waiting w = it.next();
                if (session == null || w.session() == session) {
                    it.remove();
                    Throwable why = cause != null ? cause : w.session().closedCause();
                    connection.deliver(() -> w.result().completeExceptionally(why), null);
                }
            }
        }
    }

    private long allowed(boolean bidirectional) {
        return connection.quic().peerAllowedStreams(bidirectional ? QuicStreamType.BIDIRECTIONAL : QuicStreamType.UNIDIRECTIONAL);
    }

    private void create(NettySession session, boolean bidirectional, CompletableFuture<NettyStream> result) {
        QuicChannel quic = connection.quic();
        if (!connection.core().isEstablished(session.id())) {
            fail(result, WtConnectionHandler.notEstablished(session));
            return;
        }
        QuicStreamType type = bidirectional ? QuicStreamType.BIDIRECTIONAL : QuicStreamType.UNIDIRECTIONAL;
        quic.createStream(type, null).addListener(f -> {
            if (!f.isSuccess()) {
                fail(result, new WebTransportException("could not open a stream", f.cause()));
                return;
            }
            QuicStreamChannel ch = (QuicStreamChannel) f.getNow();
            if (!connection.core().isEstablished(session.id())) {
                ch.close();
                fail(result, WtConnectionHandler.notEstablished(session));
                return;
            }
            NettyStream stream = new NettyStream(connection,
                    connection.core().onLocalStreamOpened(ch.streamId(), session.id()), ch, session);
            ch.pipeline().addLast("wt-stream", new StreamChannelHandler(stream));
            ByteBuffer header = bidirectional ? StreamHeader.bidi(session.id()) : StreamHeader.uni(session.id());
            stream.writer().sendHeader(Unpooled.wrappedBuffer(header));
            connection.deliver(() -> result.complete(stream), null);
        });
    }

    private void fail(CompletableFuture<NettyStream> result, Throwable cause) {
        connection.deliver(() -> result.completeExceptionally(cause), null);
    }
}
