package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.internal.wire.HttpDatagram;
import net.webtransport.internal.wire.KeyingMaterialExporter;
import net.webtransport.internal.wire.Subprotocols;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionClosedException;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.SessionRejectedException;

/**
 * The {@link Session} the application holds. It forwards operations to its connection's event loop
 * and delivers the session layer's events to the {@link SessionHandler} through a
 * {@link SerialExecutor}, so callbacks keep their order without running on a network thread.
 */
final class NettySession implements Session {
    private static final System.Logger LOG = System.getLogger(NettySession.class.getName());
    /** Datagrams handed to the handler in one go before other callbacks get a turn. */
    static final int DATAGRAM_BATCH = 64;

    private final WtConnectionHandler connection;
    private final long id;
    private final HttpFields request;
    private final SerialExecutor callbacks;
    private final IncomingDatagrams datagrams;
    private final CompletableFuture<CloseInfo> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> draining = new CompletableFuture<>();
    /** Completes with this session once established; fails if it never is. */
    private final CompletableFuture<Session> established = new CompletableFuture<>();
    private volatile HttpFields response = HttpFields.empty();
    private volatile SessionHandler handler = new SessionHandler() {
    };
    private volatile SessionClosedException closedCause;
    private volatile boolean open;

    NettySession(WtConnectionHandler connection, long id, HttpFields request) {
        this.connection = connection;
        this.id = id;
        this.request = request;
        this.callbacks = new SerialExecutor(connection.executor());
        this.datagrams = new IncomingDatagrams(connection.incomingDatagramQueue());
    }

    void handler(SessionHandler handler) {
        this.handler = handler;
    }

    CompletableFuture<Session> established() {
        return established;
    }

    /** The exception operations fail with once the session is closed, or null while it is not. */
    SessionClosedException closedCause() {
        return closedCause;
    }

    // ------------------------------------------------------------------ events (event loop)

    void onEstablished(HttpFields response) {
        this.response = response;
        this.open = true;
        callbacks.execute(() -> {
            guarded("onOpen", () -> handler.onOpen(this));
            established.complete(this);
        });
    }

    void onRejected(int status, HttpFields response) {
        String message = status == 0 ? "the server ended the request without answering"
                : "the server refused the session with status " + status;
        SessionRejectedException e = new SessionRejectedException(status, response, message);
        callbacks.execute(() -> established.completeExceptionally(e)); // ordered before onClosed's failure
    }

    void onClosed(CloseInfo info) {
        if (closedCause != null) {
            return;
        }
        boolean wasOpen = open;
        open = false;
        closedCause = new SessionClosedException(info);
        datagrams.clear();
        callbacks.execute(() -> {
            if (wasOpen) {
                try {
                    handler.onClosed(this, info);
                } catch (RuntimeException e) { // the session is over already; closed() must still complete
                    LOG.log(System.Logger.Level.WARNING, "the session handler's onClosed threw", e);
                }
            } else {
                established.completeExceptionally(closedCause);
            }
        });
        // Not behind the session's callbacks: one of them may be blocked waiting for this future.
        // So what is chained on closed() may run before onClosed, or before earlier callbacks ran.
        connection.deliver(() -> closed.complete(info), null);
    }

    void onDraining() {
        callbacks.execute(() -> guarded("onDraining", () -> handler.onDraining(this)));
        connection.deliver(() -> draining.complete(null), null); // not behind the callbacks, as closed()
    }

    void onDatagram(ByteBuffer payload) {
        if (datagrams.add(payload)) {
            callbacks.execute(this::deliverDatagrams);
        }
    }

    /**
     * Hands queued datagrams to the handler, a batch at a time: then the task goes to the back of
     * the session's callback queue, so a flood cannot hold back the session's other callbacks.
     */
    private void deliverDatagrams() {
        for (int i = 0; i < DATAGRAM_BATCH; i++) {
            ByteBuffer next = datagrams.poll();
            if (next == null) {
                return;
            }
            guarded("onDatagram", () -> handler.onDatagram(this, next));
        }
        callbacks.execute(this::deliverDatagrams);
    }

    void onIncomingStream(NettyStream stream) {
        if (stream.isBidirectionalStream()) {
            callbacks.execute(() -> guarded("onBidirectionalStream", () -> handler.onBidirectionalStream(this, stream)));
        } else {
            callbacks.execute(() -> guarded("onUnidirectionalStream", () -> handler.onUnidirectionalStream(this, stream.readable())));
        }
    }

    /**
     * Runs a handler callback. One that throws is a bug in the application, not in the peer: it is
     * logged with its stack trace and the session ends abruptly with H3_INTERNAL_ERROR (the HTTP/3
     * code for "an internal error", as a servlet answers 500), so the peer learns at once instead of
     * waiting on a session whose handler is broken; other sessions are untouched.
     */
    private void guarded(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
            LOG.log(System.Logger.Level.WARNING, "the session handler's " + callback + " threw; session " + id
                    + " ends with H3_INTERNAL_ERROR", e);
            if (open) {
                connection.abortSession(this, ErrorCodes.H3_INTERNAL_ERROR, "the session handler's " + callback + " failed");
            }
        }
    }

    // ------------------------------------------------------------------ Session

    @Override
    public long id() {
        return id;
    }

    @Override
    public String path() {
        return request.get(":path");
    }

    @Override
    public HttpFields requestHeaders() {
        return request;
    }

    @Override
    public HttpFields responseHeaders() {
        return response;
    }

    @Override
    public String protocol() {
        return Subprotocols.negotiated(Subprotocols.parseOffer(request.getAll(Subprotocols.AVAILABLE_PROTOCOLS)),
                response.getAll(Subprotocols.PROTOCOL));
    }

    @Override
    public CompletableFuture<BidirectionalStream> openBidirectionalStream() {
        return openBidirectionalStream(true);
    }

    @Override
    public CompletableFuture<SendStream> openUnidirectionalStream() {
        return openUnidirectionalStream(true);
    }

    @Override
    public CompletableFuture<BidirectionalStream> openBidirectionalStream(boolean waitUntilAvailable) {
        return connection.openStream(this, true, waitUntilAvailable).thenApply(s -> s);
    }

    @Override
    public CompletableFuture<SendStream> openUnidirectionalStream(boolean waitUntilAvailable) {
        return connection.openStream(this, false, waitUntilAvailable).thenApply(NettyStream::writable);
    }

    @Override
    public CompletableFuture<Void> sendDatagram(ByteBuffer payload) {
        int max = maxDatagramSize();
        if (payload.remaining() > max) {
            throw new IllegalArgumentException("datagram of " + payload.remaining()
                    + " bytes exceeds the maximum of " + max);
        }
        SessionClosedException gone = closedCause;
        if (gone != null) {
            CompletableFuture<Void> failed = new CompletableFuture<>();
            connection.deliver(() -> failed.completeExceptionally(gone), null);
            return failed;
        }
        ByteBuf buf = connection.alloc().directBuffer(HttpDatagram.headerLength(id) + payload.remaining());
        ByteBuffer header = ByteBuffer.allocate(HttpDatagram.headerLength(id));
        HttpDatagram.writeHeader(header, id);
        buf.writeBytes(header.flip()).writeBytes(payload);
        return connection.sendDatagram(this, buf);
    }

    @Override
    public int maxDatagramSize() {
        int max = connection.maxDatagramLength();
        return max <= 0 ? 0 : Math.max(0, max - HttpDatagram.headerLength(id));
    }

    @Override
    public CompletableFuture<Void> close(long errorCode, String reason) {
        if (errorCode < 0 || errorCode > ErrorCodes.MAX_APPLICATION_ERROR) {
            throw new IllegalArgumentException("error code must be 0 to 2^32-1, not " + errorCode);
        }
        return connection.closeSession(this, errorCode, reason);
    }

    @Override
    public void drain() {
        connection.drainSession(this);
    }

    @Override
    public CompletableFuture<byte[]> exportKeyingMaterial(byte[] label, byte[] context, int length) {
        KeyingMaterialExporter.checkArguments(label, context, length);
        return connection.exportKeyingMaterial(this, label.clone(), context.clone(), length);
    }

    @Override
    public CompletableFuture<net.webtransport.transport.ConnectionStats> connectionStats() {
        return connection.connectionStats();
    }

    @Override
    public void goAway() {
        if (connection.role() != net.webtransport.internal.session.Role.SERVER) {
            throw new IllegalStateException("only a server sends GOAWAY to end a connection gracefully");
        }
        connection.goAway();
    }

    @Override
    public void closeConnection(int http3ErrorCode, String reason) {
        connection.closeConnection(http3ErrorCode, reason);
    }

    @Override
    public CompletableFuture<CloseInfo> closed() {
        return closed.copy();
    }

    @Override
    public CompletableFuture<Void> draining() {
        return draining.copy();
    }

    @Override
    public long droppedIncomingDatagrams() {
        return datagrams.dropped();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String toString() {
        return "Session[" + id + " " + path() + "]";
    }
}
