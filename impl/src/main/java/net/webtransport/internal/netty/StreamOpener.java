package net.webtransport.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.codec.quic.WebTransportQuicAccess;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.webtransport.internal.wire.StreamHeader;
import net.webtransport.transport.StreamLimitException;
import net.webtransport.transport.WebTransportException;

/**
 * Opens WebTransport streams for the sessions of one connection. A stream past the peer's stream
 * limit waits (as the W3C API's {@code create*Stream} does) until the peer grants more, and so does
 * a client's CONNECT stream for a new session on a pooled connection (it is a bidirectional stream
 * too); waiting opens keep their order and fail when their session or the connection ends. Event
 * loop only.
 */
final class StreamOpener {

    /**
     * An open waiting for credit: a WebTransport stream of {@code session}, or (with a null session)
     * a client's CONNECT stream, which {@code connect} opens and {@code connectFailed} hears of when it
     * never can.
     */
    private record Waiting(NettySession session, CompletableFuture<NettyStream> result,
                           Runnable connect, Consumer<Throwable> connectFailed) {
        Waiting(NettySession session, CompletableFuture<NettyStream> result) {
            this(session, result, null, null);
        }
    }

    /**
     * How often waiting opens re-read the peer's credit. Netty's QuicStreamLimitChangedEvent is not
     * enough: it fires only when its cached count reads exactly 0 (see WebTransportQuicAccess), so the
     * opener also polls, but only while something waits.
     */
    private static final long CREDIT_POLL_MICROS = 2000;

    private final WtConnectionHandler connection;
    private final ArrayDeque<Waiting> waitingBidi = new ArrayDeque<>();
    private final ArrayDeque<Waiting> waitingUni = new ArrayDeque<>();
    private boolean pollScheduled;

    StreamOpener(WtConnectionHandler connection) {
        this.connection = connection;
    }

    /**
     * Opens a stream for {@code session}; it waits for the peer's credit, or, without
     * {@code waitUntilAvailable}, fails with {@link StreamLimitException} when it would have to.
     */
    void open(NettySession session, boolean bidirectional, boolean waitUntilAvailable, CompletableFuture<NettyStream> result) {
        if (!connection.core().isEstablished(session.id()) || !connection.quic().isActive()) {
            // Nothing will ever grant credit to an ended session or a closed connection (nor to one
            // the peer closed, which grants none while it drains): waiting would hang the open.
            fail(result, WtConnectionHandler.notEstablished(session));
            return;
        }
        ArrayDeque<Waiting> waiting = bidirectional ? waitingBidi : waitingUni;
        if (!waitUntilAvailable) {
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

    /**
     * Client: runs {@code open} (which creates a CONNECT stream) once the peer allows another
     * bidirectional stream, after the opens already waiting; {@code failed} hears why if the
     * connection ends first.
     */
    void openConnectStream(Runnable open, Consumer<Throwable> failed) {
        waitingBidi.add(new Waiting(null, null, open, failed));
        drain(true);
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
            if (w.connect() != null) {
                it.remove();
                w.connect().run();
                continue;
            }
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
        boolean waitsForQuicCredit = waiting.stream().anyMatch(w -> w.connect() != null || !sessionBlocked.contains(w.session()));
        if (waitsForQuicCredit && !pollScheduled && connection.quic().isActive()) {
            pollScheduled = true; // some open waits for QUIC credit: look again shortly
            connection.quic().eventLoop().schedule(() -> {
                pollScheduled = false;
                onStreamLimitChanged();
            }, CREDIT_POLL_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    /** Fails the opens waiting for a session that ended (or, with null, for every session). */
    void failWaiting(NettySession session, Throwable cause) {
        for (ArrayDeque<Waiting> waiting : java.util.List.of(waitingBidi, waitingUni)) {
            for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
                Waiting w = it.next();
                if (w.connect() != null) {
                    if (session == null) {
                        it.remove();
                        w.connectFailed().accept(cause != null ? cause : new WebTransportException("the connection closed"));
                    }
                } else if (session == null || w.session() == session) {
                    it.remove();
                    Throwable why = cause != null ? cause : w.session().closedCause();
                    connection.deliver(() -> w.result().completeExceptionally(why), null);
                }
            }
        }
    }

    private long allowed(boolean bidirectional) {
        return WebTransportQuicAccess.peerStreamsLeft(connection.quic(), bidirectional);
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
