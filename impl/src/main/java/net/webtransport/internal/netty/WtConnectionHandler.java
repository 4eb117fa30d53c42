package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.DefaultHttp3GoAwayFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.WebTransportQuicAccess;
import io.netty.handler.codec.quic.QuicConnectionPathStats;
import io.netty.handler.codec.quic.QuicDatagramExtensionEvent;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.AttributeKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import net.webtransport.internal.session.Command;
import net.webtransport.internal.session.PeerSupport;
import net.webtransport.internal.session.Role;
import net.webtransport.internal.session.SessionEvent;
import net.webtransport.internal.session.WtConfig;
import net.webtransport.internal.session.WtConnection;
import net.webtransport.internal.stream.ReceiveBudget;
import net.webtransport.internal.stream.ReceiveSide;
import net.webtransport.internal.stream.WtStream;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.KeyingMaterialExporter;
import net.webtransport.internal.wire.WireException;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionClosedException;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.WebTransportException;

/**
 * Drives one {@link WtConnection} (the sans-IO session layer) from Netty: it sits in the
 * {@link QuicChannel} pipeline behind Netty's HTTP/3 connection handler, feeds the session layer
 * what the connection and its streams report, executes the {@link Command}s it returns and hands
 * its {@link SessionEvent}s to the sessions. All of its state lives on the connection's event loop
 * (QUIC stream channels share their parent's loop); public entry points hop onto it.
 *
 * <p>Over this project's ~400-line aim because it is the one place where the connection's inputs
 * from Netty and the session layer's commands and events meet; streams, the send pump, stream
 * opening and deadlines live in their own classes.
 */
final class WtConnectionHandler extends ChannelInboundHandlerAdapter {

    static final AttributeKey<WtConnectionHandler> KEY = AttributeKey.valueOf(WtConnectionHandler.class, "wt");
    private static final System.Logger LOG = System.getLogger(WtConnectionHandler.class.getName());

    /** What differs between the client and the server. */
    interface Endpoint {
        /** Server: a WebTransport CONNECT awaits an answer through {@link #respond}. */
        default void onSessionRequested(WtConnectionHandler connection, NettySession session) {
        }

        /** The connection closed; every session on it has been closed already. */
        default void onConnectionClosed(WtConnectionHandler connection) {
        }

        /** The peer sent GOAWAY. */
        default void onGoAway(WtConnectionHandler connection) {
        }

        /** The last session and CONNECT stream of the connection went away. */
        default void onIdle(WtConnectionHandler connection) {
        }
    }

    private final WtConnection core;
    private final Executor executor;
    private final OutgoingDatagrams outgoingDatagrams = new OutgoingDatagrams(this);
    private final Endpoint endpoint;
    private final Map<Long, NettySession> sessions = new HashMap<>();
    private final Map<Long, ConnectStreamHandler> connectStreams = new HashMap<>();
    /** WebTransport streams whose channel is open, so a peer's CONNECTION_CLOSE can end them before quiche's draining period does. */
    private final java.util.Set<NettyStream> openStreams = new java.util.HashSet<>();
    private final CompletableFuture<PeerSupport> negotiated = new CompletableFuture<>();
    private QuicChannel quic;
    private final SendPump pump;
    private final StreamOpener opener = new StreamOpener(this);
    private final int incomingDatagramQueue;
    /** Server: closes a connection that sends no SETTINGS, or holds no session, for too long; null on a client. */
    private final ConnectionDeadline deadline;
    private long smoothedRttNanos = 1_000_000;
    private volatile int maxDatagramLength;
    private long closeCode = CloseInfo.UNKNOWN_CODE;
    private String closeReason = "the connection closed";
    private int pendingOpens;
    private boolean peerProblemLogged;
    /** The TLS exporter secret, once taken from the key log; zeroed when the connection closes. */
    private byte[] exporterSecret;

    WtConnectionHandler(Role role, WtConfig config, TransportSettings transport, Executor executor, Endpoint endpoint) {
        this(role, config, transport, executor, endpoint, null, null);
    }

    /**
     * @param serverLimits the server's deadlines (null on a client: it closes idle connections itself)
     * @param serverBudget what all connections of the server hold together, or null
     */
    WtConnectionHandler(Role role, WtConfig config, TransportSettings transport, Executor executor, Endpoint endpoint,
                        ServerLimits serverLimits, ReceiveBudget.Parent serverBudget) {
        ReceiveBudget budget = new ReceiveBudget(transport.receiveBufferLimit(), serverBudget,
                // Always a task of its own: never re-entered from inside a read on this loop.
                () -> quic.eventLoop().execute(this::resumeBudgetWaiters));
        this.core = new WtConnection(role, config, transport.streamLimits(), budget);
        this.deadline = serverLimits == null ? null : new ConnectionDeadline(serverLimits);
        this.incomingDatagramQueue = config.incomingDatagramQueue();
        this.pump = new SendPump(this, core.scheduler());
        this.executor = executor;
        this.endpoint = endpoint;
    }

    static WtConnectionHandler of(QuicChannel channel) {
        return channel.attr(KEY).get();
    }

    Role role() {
        return core.role();
    }

    Executor executor() {
        return executor;
    }

    /**
     * Logs something a peer did wrong, or an error on one of its streams: the first one of a
     * connection at INFO, as one line without a stack trace, later ones at DEBUG, so a peer that
     * misbehaves on every request cannot flood the log.
     */
    void logPeerProblem(String what, Throwable cause) {
        if (!peerProblemLogged) {
            peerProblemLogged = true;
            LOG.log(System.Logger.Level.INFO, () -> "connection " + (quic == null ? "?" : quic.remoteSocketAddress())
                    + ": " + what + ": " + cause + " (further problems of this connection are logged at DEBUG)");
        } else {
            LOG.log(System.Logger.Level.DEBUG, what, cause);
        }
    }

    QuicChannel quic() {
        return quic;
    }

    ByteBufAllocator alloc() {
        return quic.alloc();
    }

    int maxDatagramLength() {
        return maxDatagramLength;
    }

    Map<Long, Long> localSettings() {
        return core.localSettings();
    }

    /** Completes on the event loop when the peer's SETTINGS arrived. */
    CompletableFuture<PeerSupport> negotiated() {
        return negotiated;
    }

    void runOnEventLoop(Runnable task) {
        if (quic.eventLoop().inEventLoop()) {
            task.run();
        } else {
            quic.eventLoop().execute(task);
        }
    }

    // ------------------------------------------------------------------ pipeline events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        quic = (QuicChannel) ctx.channel();
        quic.attr(KEY).set(this);
        if (deadline != null) {
            deadline.onStart(quic);
        }
    }

    /** Server: a connection without a session gets the request deadline. */
    private void armIfSessionless() {
        if (deadline != null && sessions.isEmpty() && negotiated.isDone()) {
            deadline.onSessionless(quic);
        }
    }

    int incomingDatagramQueue() {
        return incomingDatagramQueue;
    }

    SendPump pump() {
        return pump;
    }

    /**
     * Whether a completion may happen in line, on the calling thread, instead of as a task of its
     * own: the caller is a thread of this connection's executor (known only for the default pool),
     * and not too deep in a chain of such completions ({@link HandOffPool#mayCompleteInLine}).
     */
    boolean mayCompleteInLine() {
        return executor instanceof HandOffPool pool && pool.mayCompleteInLine();
    }

    /**
     * Runs {@code task} (a completion or callback for the application) on the executor. If the
     * executor refuses it, the refusal is logged and {@code onRejected} (if any) releases what the
     * task would have handed over: nothing runs on the event loop instead.
     */
    void deliver(Runnable task, Runnable onRejected) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "the executor refused a WebTransport completion; "
                    + "it is dropped (was the executor shut down before the client or server?)", e);
            if (onRejected != null) {
                onRejected.run();
            }
        }
    }

    /** Streams the receive budget held back may read again if readers drained it. Event loop only. */
    void resumeBudgetWaiters() {
        for (ReceiveSide side : core.receiveBudget().resumable()) {
            WtStream st = core.stream(side.streamId());
            if (st != null && st.io() instanceof NettyStream s && side.mayResume()) {
                s.resumeReading();
            }
        }
    }

    /** The smoothed RTT of the connection's path as quiche last reported it. Event loop only. */
    long smoothedRttNanos() {
        io.netty.util.concurrent.Future<QuicConnectionPathStats> stats = quic.collectPathStats(0);
        if (stats.isDone() && stats.isSuccess() && stats.getNow().rtt() > 0) {
            smoothedRttNanos = stats.getNow().rtt();
        }
        return smoothedRttNanos;
    }

    /**
     * A stream received or gave up bytes: with WebTransport flow control on, the session layer
     * charges and credits them (and may send WT_MAX_DATA, or end the session on a violation).
     */
    void onReceiveProgress(WtStream stream) {
        if (core.flowControlEnabled()) {
            core.onStreamProgress(stream.id());
            drive();
        }
    }

    /** A stream is over in the session layer's eyes and its channel is gone: forget it. */
    void onStreamOver(WtStream stream) {
        core.onStreamClosed(stream.id());
        drive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf datagram) {
            // A QUIC DATAGRAM: copied to the heap so the payload can be handed to the application.
            byte[] bytes = new byte[datagram.readableBytes()];
            datagram.readBytes(bytes);
            datagram.release();
            core.onDatagram(ByteBuffer.wrap(bytes));
            drive();
            return;
        }
        ctx.fireChannelRead(msg); // stream channels must reach the tail, which registers them
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof QuicDatagramExtensionEvent e) {
            maxDatagramLength = e.maxLength();
        } else if (evt instanceof QuicStreamLimitChangedEvent) {
            opener.onStreamLimitChanged();
        } else if (evt instanceof QuicConnectionCloseEvent e) {
            closeCode = e.error();
            // Netty's event throws when the peer sent no reason phrase at all.
            String reason;
            try {
                reason = new String(e.reason(), StandardCharsets.UTF_8);
            } catch (NullPointerException noReason) {
                reason = "";
            }
            closeReason = "the connection was closed by the peer with " + (e.isApplicationClose() ? "application" : "transport")
                    + " error 0x" + Integer.toHexString(e.error()) + (reason.isEmpty() ? "" : ": " + reason);
            // quiche reports the peer's CONNECTION_CLOSE at once but closes the channel only after
            // its draining period (three probe timeouts: seconds on a loaded path), during which
            // nothing is sent or received. The sessions end now, after the stream data that came
            // with the close (Netty reads it later in this same task) has been handled.
            ctx.channel().eventLoop().execute(() -> {
                endSessions();
                for (NettyStream stream : new ArrayList<>(openStreams)) {
                    stream.channel().close(); // pending reads and writes fail now, not after the draining period
                }
            });
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel();
        }
        byte[] secret = exporterSecret != null ? exporterSecret : ExporterSecrets.INSTANCE.take(quic.sslEngine());
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
        noteIdleTimeout();
        endSessions();
        ctx.fireChannelInactive();
    }

    /** The connection is gone (or draining after the peer closed it): every session and waiting open ends. Idempotent. */
    private void endSessions() {
        core.onConnectionClosed(closeCode, closeReason);
        drive();
        if (!negotiated.isDone()) {
            negotiated.completeExceptionally(new WebTransportException(closeReason));
        }
        for (NettySession s : new ArrayList<>(sessions.values())) {
            s.onClosed(CloseInfo.abrupt(closeCode, closeReason, false));
        }
        opener.failWaiting(null, null);
        sessions.clear();
        endpoint.onConnectionClosed(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logPeerProblem("connection error", cause);
    }

    // ------------------------------------------------------------------ inputs from other handlers

    void onPeerSettings(Map<Long, Long> settings) {
        core.onPeerSettings(settings);
        drive();
        armIfSessionless();
    }

    void onGoAway(long id) {
        core.onGoAway(id);
        drive();
    }

    void registerConnectStream(ConnectStreamHandler stream) {
        connectStreams.put(stream.id(), stream);
    }

    /** A request stream turned out to be a WebTransport stream (0x41): it is no CONNECT stream. */
    void unregisterConnectStream(ConnectStreamHandler stream) {
        connectStreams.remove(stream.id(), stream);
    }

    WtConnection core() {
        return core;
    }

    void onStreamChannelOpened(NettyStream stream) {
        openStreams.add(stream);
    }

    void onStreamChannelClosed(NettyStream stream) {
        openStreams.remove(stream);
    }

    void onConnectStreamClosed(ConnectStreamHandler stream) {
        noteConnectionLoss();
        connectStreams.remove(stream.id());
        core.onConnectStreamClosed(stream.id());
        drive();
        checkIdle();
    }

    /**
     * A peer-opened WebTransport stream announced {@code sessionId}: installs its handler in place
     * of the header decoder and lets the session layer decide whether it is delivered, held or
     * refused.
     */
    void onIncomingStream(ChannelHandlerContext decoderCtx, long sessionId) {
        QuicStreamChannel ch = (QuicStreamChannel) decoderCtx.channel();
        core.onIncomingStream(ch.streamId(), sessionId);
        NettyStream stream = new NettyStream(this, core.stream(ch.streamId()), ch, sessions.get(sessionId));
        decoderCtx.pipeline().replace(decoderCtx.handler(), "wt-stream", new StreamChannelHandler(stream));
        drive();
    }

    void onStreamHeaderError(QuicStreamChannel ch, WireException e) {
        core.onStreamHeaderError(ch.streamId(), e);
        drive();
    }

    /** A connection that closed without a CONNECTION_CLOSE may have timed out: then the reason says so. */
    private void noteIdleTimeout() {
        if (closeCode == CloseInfo.UNKNOWN_CODE && WebTransportQuicAccess.isTimedOut(quic)) {
            closeReason = "the connection's idle timeout passed without a packet from the peer";
        }
    }

    /**
     * When the connection goes, Netty closes its stream channels before the connection channel.
     * A stream closing for that reason must end its session as a connection loss (with the peer's
     * code and reason), not as a lone stream closing.
     */
    void noteConnectionLoss() {
        if (!quic.isActive()) {
            noteIdleTimeout();
            core.onConnectionClosed(closeCode, closeReason);
            drive();
        }
    }

    // ------------------------------------------------------------------ operations from sessions

    /** Client: opens a request stream and sends the extended CONNECT on it. */
    CompletableFuture<Session> openSession(String authority, String path, HttpFields fields, boolean protocolRequired,
                                           SessionHandler handler) {
        CompletableFuture<Session> result = new CompletableFuture<>();
        runOnEventLoop(() -> {
            pendingOpens++;
            negotiated.whenComplete((support, error) -> runOnEventLoop(() -> {
                if (error != null || !support.supported()) {
                    pendingOpens--;
                    Throwable cause = error != null ? error
                            : new WebTransportException("the server does not support WebTransport: " + support.problem());
                    Futures.failAsync(result, cause, executor);
                    checkIdle();
                    return;
                }
                startSession(authority, path, fields, protocolRequired, handler, result);
            }));
        });
        return result;
    }

    private void startSession(String authority, String path, HttpFields fields, boolean protocolRequired,
                              SessionHandler handler, CompletableFuture<Session> result) {
        if (refuseNewSession(result)) {
            return;
        }
        // The CONNECT stream is a bidirectional stream: on a pooled connection it may have to wait
        // for the server's stream credit like any other.
        opener.openConnectStream(() -> {
            if (!refuseNewSession(result)) {
                sendConnect(authority, path, fields, protocolRequired, handler, result);
            }
        }, cause -> {
            pendingOpens--;
            Futures.failAsync(result, cause, executor);
        });
    }

    /** Fails {@code result} and returns true when the connection takes no new session now. */
    private boolean refuseNewSession(CompletableFuture<Session> result) {
        String refusal = quic.isActive() ? core.whyNoNewSession() : "the connection is closed";
        if (refusal == null) {
            return false;
        }
        pendingOpens--;
        Futures.failAsync(result, new WebTransportException("the connection does not accept new sessions: " + refusal), executor);
        checkIdle();
        return true;
    }

    private void sendConnect(String authority, String path, HttpFields fields, boolean protocolRequired,
                             SessionHandler handler, CompletableFuture<Session> result) {
        Http3.newRequestStream(quic, new ConnectStreamHandler(this)).addListener(f -> {
            pendingOpens--;
            if (!f.isSuccess()) {
                Futures.failAsync(result, new WebTransportException("could not open the CONNECT stream", f.cause()), executor);
                checkIdle();
                return;
            }
            QuicStreamChannel stream = (QuicStreamChannel) f.getNow();
            HttpFields request;
            try {
                request = core.openSession(stream.streamId(), authority, path, fields, protocolRequired);
            } catch (RuntimeException e) {
                stream.close();
                Futures.failAsync(result, new WebTransportException(e.getMessage(), e), executor);
                return;
            }
            NettySession session = new NettySession(this, stream.streamId(), request);
            session.handler(handler);
            sessions.put(stream.streamId(), session);
            drive();
            // Settled in a task of its own, not inside the session's callback queue where
            // "established" completes: code chained on connect() may wait for the session's callbacks.
            session.established().whenComplete((s, e) -> deliver(() -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(s);
                }
            }, null));
        });
    }

    /** Server: answers a requested session. Ignored if the request went away meanwhile. */
    void respond(NettySession session, int status, HttpFields fields, SessionHandler handler) {
        runOnEventLoop(() -> {
            if (sessions.get(session.id()) != session || !core.isRequested(session.id())) {
                return;
            }
            session.handler(handler);
            core.respond(session.id(), status, fields);
            drive();
        });
    }

    CompletableFuture<NettyStream> openStream(NettySession session, boolean bidirectional, boolean waitUntilAvailable) {
        CompletableFuture<NettyStream> result = new CompletableFuture<>();
        runOnEventLoop(() -> opener.open(session, bidirectional, waitUntilAvailable, result));
        return result;
    }

    CompletableFuture<Void> sendDatagram(NettySession session, ByteBuf datagram) {
        return outgoingDatagrams.send(session, datagram);
    }

    CompletableFuture<Void> closeSession(NettySession session, long code, String reason) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        runOnEventLoop(() -> {
            core.closeSession(session.id(), code, reason);
            drive();
            Futures.completeAsync(result, null, executor);
        });
        return result;
    }

    /** Ends {@code session} abruptly: its CONNECT stream is reset with {@code http3ErrorCode}. */
    void abortSession(NettySession session, long http3ErrorCode, String reason) {
        runOnEventLoop(() -> {
            core.abortSession(session.id(), http3ErrorCode, reason);
            drive();
        });
    }

    /** Server: GOAWAY and WT_DRAIN_SESSION everywhere; the connection closes once its sessions ended. */
    void goAway() {
        runOnEventLoop(() -> {
            core.goAway();
            drive();
            checkIdle();
        });
    }

    void drainSession(NettySession session) {
        runOnEventLoop(() -> {
            core.drainSession(session.id());
            drive();
        });
    }

    /**
     * Derives keying material for {@code session} from the connection's TLS exporter secret; the
     * derivation runs on the executor with a copy of the secret that is wiped afterwards.
     */
    CompletableFuture<byte[]> exportKeyingMaterial(NettySession session, byte[] label, byte[] context, int length) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        runOnEventLoop(() -> {
            if (!core.isEstablished(session.id())) {
                Futures.failAsync(result, notEstablished(session), executor);
                return;
            }
            if (exporterSecret == null && quic.sslEngine() != null) {
                exporterSecret = ExporterSecrets.INSTANCE.take(quic.sslEngine());
            }
            if (exporterSecret == null) {
                Futures.failAsync(result, new WebTransportException(
                        "keying material export is off (see the builder's keyingMaterialExport option)"), executor);
                return;
            }
            byte[] secret = exporterSecret.clone();
            deliver(() -> {
                try {
                    result.complete(KeyingMaterialExporter.export(secret, session.id(), label, context, length));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            }, () -> Arrays.fill(secret, (byte) 0));
        });
        return result;
    }

    /** The connection's counters (quiche's) and its active path's estimates, completed on the executor. */
    CompletableFuture<net.webtransport.transport.ConnectionStats> connectionStats() {
        CompletableFuture<net.webtransport.transport.ConnectionStats> result = new CompletableFuture<>();
        runOnEventLoop(() -> {
            if (!quic.isActive()) {
                Futures.failAsync(result, new WebTransportException("the connection is closed"), executor);
                return;
            }
            quic.collectStats().addListener(s -> quic.collectPathStats(0).addListener(p -> {
                if (!s.isSuccess()) {
                    Futures.failAsync(result, new WebTransportException("no statistics", s.cause()), executor);
                    return;
                }
                io.netty.handler.codec.quic.QuicConnectionStats c = (io.netty.handler.codec.quic.QuicConnectionStats) s.getNow();
                QuicConnectionPathStats path = p.isSuccess() ? (QuicConnectionPathStats) p.getNow() : null;
                Futures.completeAsync(result, new net.webtransport.transport.ConnectionStats(c.sent(), c.recv(), c.lost(),
                        c.sentBytes(), c.recvBytes(), c.lostBytes(), path == null ? 0 : path.rtt(),
                        path == null ? 0 : path.cwnd(), path == null ? 0 : path.deliveryRate()), executor);
            }));
        });
        return result;
    }

    /** Why an operation on a session that is not (or no longer) established fails. */
    static Throwable notEstablished(NettySession session) {
        SessionClosedException gone = session.closedCause();
        return gone != null ? gone : new IllegalStateException("the session is not established");
    }

    void closeConnection(long http3ErrorCode, String reason) {
        runOnEventLoop(() -> quic.close(true, (int) http3ErrorCode,
                Unpooled.copiedBuffer(reason, StandardCharsets.UTF_8)));
    }

    private void checkIdle() {
        armIfSessionless();
        if (sessions.isEmpty() && connectStreams.isEmpty() && pendingOpens == 0 && quic.isActive()) {
            if (core.isGoingAway()) {
                // The graceful shutdown is complete: every session and CONNECT stream has ended.
                closeConnection(ErrorCodes.H3_NO_ERROR, "");
            }
            endpoint.onIdle(this);
        }
    }

    // ------------------------------------------------------------------ the sans-IO loop

    /** Runs the session layer's pending output; called by the stream handlers after feeding it. */
    void driveNow() {
        drive();
    }

    /**
     * Delivers every queued event, then executes every queued command. Events go first so that a
     * session is marked closed before the commands that reset its streams run: those streams then
     * fail their pending operations with the session's close reason.
     */
    private void drive() {
        SessionEvent e;
        Command c;
        do {
            while ((e = core.pollEvent()) != null) {
                deliver(e);
            }
            while ((c = core.pollCommand()) != null) {
                execute(c);
            }
        } while (core.hasOutput());
    }

    private void execute(Command command) {
        switch (command) {
            case Command.SendHeaders h -> onConnectStream(h.streamId(), s -> s.sendHeaders(h.fields(), h.fin()));
            case Command.SendCapsule c -> onConnectStream(c.streamId(), s -> s.sendData(c.bytes(), c.fin()));
            case Command.FinishStream f -> onConnectStream(f.streamId(), ConnectStreamHandler::finish);
            case Command.ResetStream r -> onStream(r.streamId(),
                    s -> s.reset(r.http3ErrorCode()), s -> s.abortSend(r.http3ErrorCode()));
            case Command.StopSending r -> onStream(r.streamId(),
                    s -> s.stopSending(r.http3ErrorCode()), s -> s.abortReceive(r.http3ErrorCode(), false));
            case Command.CloseConnection c -> closeConnection(c.http3ErrorCode(), c.reason());
            case Command.SendGoAway g -> {
                QuicStreamChannel control = Http3.getLocalControlStream(quic);
                if (control != null) {
                    control.writeAndFlush(new DefaultHttp3GoAwayFrame(g.id()))
                            .addListener(f -> {
                                if (!f.isSuccess()) {
                                    logPeerProblem("GOAWAY could not be sent", f.cause());
                                }
                            });
                }
            }
        }
    }

    /** Applies a command to a CONNECT stream, if it is still there. */
    private void onConnectStream(long streamId, Consumer<ConnectStreamHandler> action) {
        ConnectStreamHandler s = connectStreams.get(streamId);
        if (s != null) {
            action.accept(s);
        }
    }

    /** Applies a command to the CONNECT or WebTransport stream with that id, if it is still there. */
    private void onStream(long streamId, Consumer<ConnectStreamHandler> onConnect, Consumer<NettyStream> onWebTransport) {
        ConnectStreamHandler connect = connectStreams.get(streamId);
        if (connect != null) {
            onConnect.accept(connect);
            return;
        }
        WtStream stream = core.stream(streamId);
        if (stream != null && stream.io() instanceof NettyStream s) {
            onWebTransport.accept(s);
        }
    }

    private void deliver(SessionEvent event) {
        switch (event) {
            case SessionEvent.Negotiated n -> negotiated.complete(n.support());
            case SessionEvent.SessionRequested r -> {
                NettySession session = new NettySession(this, r.sessionId(), r.request());
                sessions.put(r.sessionId(), session);
                if (deadline != null) {
                    deadline.cancel();
                }
                endpoint.onSessionRequested(this, session);
            }
            case SessionEvent.SessionEstablished e -> {
                NettySession s = sessions.get(e.sessionId());
                if (s != null) {
                    s.onEstablished(e.response());
                }
            }
            case SessionEvent.SessionRejected r -> {
                NettySession s = sessions.get(r.sessionId());
                if (s != null) {
                    s.onRejected(r.status(), r.response());
                }
            }
            case SessionEvent.SessionClosed c -> {
                NettySession s = sessions.remove(c.sessionId());
                if (s != null) {
                    s.onClosed(c.info());
                    opener.failWaiting(s, null);
                }
                checkIdle();
            }
            case SessionEvent.NewStream n -> {
                WtStream st = core.stream(n.streamId());
                NettyStream stream = st != null && st.io() instanceof NettyStream ns ? ns : null;
                NettySession s = sessions.get(n.sessionId());
                if (stream != null && s != null) {
                    stream.attach(s);
                    s.onIncomingStream(stream);
                }
            }
            case SessionEvent.Datagram d -> {
                NettySession s = sessions.get(d.sessionId());
                if (s != null) {
                    s.onDatagram(d.payload());
                }
            }
            case SessionEvent.Draining d -> {
                NettySession s = sessions.get(d.sessionId());
                if (s != null) {
                    s.onDraining();
                }
            }
            case SessionEvent.GoAway g -> endpoint.onGoAway(this);
            case SessionEvent.SendCredit c -> pump.onSendCredit(c.sessionId());
            case SessionEvent.StreamCredit c -> opener.onStreamLimitChanged();
        }
    }
}
