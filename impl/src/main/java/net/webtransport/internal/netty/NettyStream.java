package net.webtransport.internal.netty;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicStreamChannel;
import net.webtransport.internal.stream.WtStream;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.WebTransportException;

/**
 * One WebTransport stream on a {@link QuicStreamChannel}: ties the stream layer's record
 * ({@link WtStream}) to the channel and to the application's {@link StreamReader} and
 * {@link StreamWriter}. What the channel reports arrives through {@link StreamChannelHandler};
 * everything here runs on the connection's event loop unless it says otherwise.
 */
final class NettyStream implements BidirectionalStream {
    private final WtConnectionHandler connection;
    private final WtStream state;
    private final QuicStreamChannel channel;
    private final StreamReader reader;
    private final StreamWriter writer;
    private volatile NettySession session;
    private boolean channelClosed;

    NettyStream(WtConnectionHandler connection, WtStream state, QuicStreamChannel channel, NettySession session) {
        this.connection = connection;
        this.state = state;
        this.channel = channel;
        this.session = session;
        this.reader = state.receive() == null ? null : new StreamReader(this, state.receive());
        this.writer = state.send() == null ? null : new StreamWriter(this, state.send());
        state.io(this);
        connection.onStreamChannelOpened(this);
    }

    @Override
    public long id() {
        return state.id();
    }

    @Override
    public ReceiveStream readable() {
        if (reader == null) {
            throw new IllegalStateException("stream " + id() + " is send-only");
        }
        return reader;
    }

    @Override
    public SendStream writable() {
        if (writer == null) {
            throw new IllegalStateException("stream " + id() + " is receive-only");
        }
        return writer;
    }

    boolean isBidirectionalStream() {
        return reader != null && writer != null;
    }

    WtConnectionHandler connection() {
        return connection;
    }

    WtStream state() {
        return state;
    }

    QuicStreamChannel channel() {
        return channel;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    StreamReader reader() {
        return reader;
    }

    StreamWriter writer() {
        return writer;
    }

    /** Binds a stream that arrived before its session was established to that session. */
    void attach(NettySession session) {
        this.session = session;
    }

    /** Why the stream's session is over, or null while it is not. Any thread. */
    Throwable sessionGone() {
        NettySession s = session;
        return s == null ? null : s.closedCause();
    }

    // ------------------------------------------------------------------ receive side

    void pauseReading() {
        channel.config().setAutoRead(false);
    }

    /** A read took bytes: this stream, and others the budget held back, may read from QUIC again. */
    void afterRead() {
        connection.onReceiveProgress(state);
        if (state.receive().mayResume()) {
            resumeReading();
        }
        connection.resumeBudgetWaiters();
        forgetIfOver();
    }

    void resumeReading() {
        if (channel.isActive()) {
            channel.config().setAutoRead(true);
            channel.read();
        }
    }

    /**
     * STOP_SENDING with an HTTP/3 code: buffered data is dropped and a waiting read fails. The
     * channel keeps reading so the peer's RESET_STREAM is seen and quiche can retire the stream.
     */
    void abortReceive(long http3Code, boolean byApplication) {
        if (reader == null) {
            return;
        }
        boolean wasOpen = state.receive().abandon(byApplication);
        reader.serve();
        if (wasOpen && channel.isActive()) {
            StreamShutdown.stopSending(channel, http3Code);
            channel.config().setAutoRead(true);
            channel.read();
        }
        connection.onReceiveProgress(state);
        connection.resumeBudgetWaiters();
        closeIfDone();
    }

    // ------------------------------------------------------------------ send side

    /** RESET_STREAM with an HTTP/3 code. */
    void abortSend(long http3Code) {
        if (writer == null || state.send().isOver()) {
            return;
        }
        Throwable gone = sessionGone();
        writer.abort(gone != null ? gone : new WebTransportException("stream " + id() + " was reset"));
        StreamShutdown.reset(channel, http3Code);
        sendOver();
    }

    void sendOver() {
        connection.pump().remove(state);
        closeIfDone();
    }

    // ------------------------------------------------------------------ both

    /** The channel is gone (closed by us, retired by quiche, or the connection ended). */
    void onChannelClosed() {
        channelClosed = true;
        connection.onStreamChannelClosed(this);
        if (reader != null && !state.receive().finReceived()) {
            state.receive().abandon(false);
            reader.serve();
            connection.resumeBudgetWaiters();
        }
        if (writer != null) {
            writer.abort(sessionGone() != null ? sessionGone() : new WebTransportException("stream " + id() + " is closed"));
            connection.pump().remove(state);
        }
        forgetIfOver();
    }

    /** Closes the channel once both directions are over on the wire: the FIN arrived and ours went. */
    private void closeIfDone() {
        boolean receiveDone = reader == null || state.receive().finReceived() || state.receive().isOver();
        boolean sendDone = writer == null || state.send().isOver();
        if (receiveDone && sendDone && channel.isActive()) {
            channel.close();
        }
        forgetIfOver();
    }

    /** The session layer forgets the stream once the channel is gone and the reader took everything. */
    private void forgetIfOver() {
        if (channelClosed && state.isOver()) {
            connection.onStreamOver(state);
        }
    }

    void onFin() {
        reader.onFin();
        closeIfDone();
    }

    @Override
    public String toString() {
        return "WtStream[" + id() + (channel.isActive() ? " active" : " inactive") + "]";
    }
}
