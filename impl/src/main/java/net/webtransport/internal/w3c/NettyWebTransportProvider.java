package net.webtransport.internal.w3c;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.internal.netty.DefaultExecutors;
import net.webtransport.internal.wire.Subprotocols;
import net.webtransport.spi.SessionHandle;
import net.webtransport.spi.SessionListener;
import net.webtransport.spi.SessionRequest;
import net.webtransport.spi.StreamHandle;
import net.webtransport.spi.WebTransportProvider;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * Carries W3C sessions over one client shared by every {@link net.webtransport.WebTransport} of the
 * JVM, as a browser shares its network stack: it trusts the JDK's trust store (or, per session, the
 * certificate hashes given) and runs completions on a bounded pool of daemon threads.
 */
public final class NettyWebTransportProvider implements WebTransportProvider {
    private static final ExecutorService EXECUTOR = DefaultExecutors.newBoundedDaemonPool("webtransport-w3c");
    /** How long an unused client waits for its last connections to finish closing before it is closed anyway. */
    private static final long IDLE_CLOSE_WAIT_MILLIS = 5_000;

    private static final Object LOCK = new Object();
    /** The client shared by every live session, or null while there is none: its event loop thread would keep the JVM alive. */
    private static WebTransportClient shared;
    private static int liveSessions;

    /** Whether the shared client runs now (it does while a session lives, and shortly after). For diagnostics and tests. */
    public static boolean clientRunning() {
        synchronized (LOCK) {
            return shared != null;
        }
    }

    /** The shared client, started if need be, counted as used by one more session. */
    private static WebTransportClient acquire() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = WebTransportClient.builder().executor(EXECUTOR).build();
            }
            liveSessions++;
            return shared;
        }
    }

    /**
     * A session is over. With none left, the client is closed once its connections have closed
     * themselves (each ends gracefully after its session), so no thread outlives the last session.
     */
    private static void release(WebTransportClient client) {
        synchronized (LOCK) {
            if (--liveSessions > 0 || shared != client) {
                return;
            }
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(IDLE_CLOSE_WAIT_MILLIS);
        EXECUTOR.execute(() -> closeWhenIdle(client, deadline));
    }

    private static void closeWhenIdle(WebTransportClient client, long deadline) {
        if (client.connectionCount() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS, EXECUTOR)
                    .execute(() -> closeWhenIdle(client, deadline));
            return;
        }
        synchronized (LOCK) {
            if (liveSessions > 0 || shared != client) {
                return; // a new session took the client meanwhile
            }
            shared = null;
        }
        client.close();
    }

    @Override
    public void checkProtocols(List<String> protocols) {
        Subprotocols.checkOffer(protocols);
    }

    @Override
    public SessionHandle connect(SessionRequest request, SessionListener listener) {
        HttpFields.Builder headers = HttpFields.builder();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.add(h.getKey(), h.getValue());
        }
        ConnectOptions options = ConnectOptions.DEFAULT.withHeaders(headers.build()).withPooling(!request.dedicated())
                .withProtocols(request.protocols()).withServerCertificateHashes(request.certificateHashes());
        WebTransportClient client = acquire();
        Handle handle = new Handle(EXECUTOR, () -> release(client));
        CompletableFuture<Session> connecting;
        try {
            connecting = client.connect(request.url(), options, new Events(listener, handle));
        } catch (RuntimeException e) {
            handle.ended();
            EXECUTOR.execute(() -> listener.failed(e.getMessage()));
            return handle;
        }
        connecting.whenComplete((session, error) -> {
            if (error != null) {
                handle.ended();
                listener.failed(error.getMessage() == null ? error.toString() : error.getMessage());
            }
        });
        return handle;
    }

    /** The session's events, in order on its callback queue, told to the W3C object. */
    private record Events(SessionListener listener, Handle handle) implements SessionHandler {
        @Override
        public void onOpen(Session session) {
            handle.attach(session); // before the W3C object hears of it: ready's dependents may use the session
            HttpFields response = session.responseHeaders();
            List<Map.Entry<String, String>> fields = response.asList().stream()
                    .map(f -> Map.entry(f.name(), f.value())).toList();
            listener.established(session.protocol(), fields);
        }

        @Override
        public void onDatagram(Session session, java.nio.ByteBuffer payload) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            listener.datagram(bytes);
        }

        @Override
        public void onDraining(Session session) {
            listener.draining();
        }

        @Override
        public void onBidirectionalStream(Session session, BidirectionalStream stream) {
            listener.incomingStream(StreamHandles.of(stream));
        }

        @Override
        public void onUnidirectionalStream(Session session, ReceiveStream stream) {
            listener.incomingStream(StreamHandles.of(stream));
        }

        @Override
        public void onClosed(Session session, CloseInfo info) {
            handle.ended();
            if (info.local()) {
                return; // the W3C object closed it and has settled already
            }
            if (info.clean()) {
                listener.closedByPeer(info.errorCode(), info.reason());
            } else {
                listener.failed(info.reason());
            }
        }
    }

    /** The W3C object's grip on a session that may not exist yet. */
    private static final class Handle implements SessionHandle {
        private final Executor executor;
        private final Runnable onEnd;
        private final java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        private Session session;
        private boolean abandoned;
        private long closeCode = -1;
        private String closeReason;

        Handle(Executor executor, Runnable onEnd) {
            this.executor = executor;
            this.onEnd = onEnd;
        }

        /** The session is over (or never came): the shared client is used by one session less. */
        void ended() {
            if (over.compareAndSet(false, true)) {
                onEnd.run();
            }
        }

        @Override
        public Executor executor() {
            return executor;
        }

        synchronized void attach(Session s) {
            session = s;
            if (abandoned) {
                s.close(0, "");
            } else if (closeCode >= 0) {
                s.close(closeCode, closeReason);
            }
        }

        @Override
        public synchronized void close(long code, String reason) {
            if (session != null) {
                session.close(code, reason);
            } else {
                closeCode = code;
                closeReason = reason;
            }
        }

        @Override
        public void abort() {
            boolean pending;
            synchronized (this) {
                abandoned = true;
                pending = session == null;
                if (!pending) {
                    session.close(0, "");
                }
            }
            if (pending) {
                // Abandoned while connecting: it no longer holds the shared client; if it gets
                // established after all, it is closed at once, or with the client.
                ended();
            }
        }

        @Override
        public CompletableFuture<Void> sendDatagram(byte[] payload) {
            Session s;
            synchronized (this) {
                s = session;
            }
            if (s == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("no session"));
            }
            try {
                return s.sendDatagram(java.nio.ByteBuffer.wrap(payload));
            } catch (IllegalArgumentException tooLarge) {
                return CompletableFuture.completedFuture(null); // dropped, as the W3C API drops oversized datagrams
            }
        }

        @Override
        public CompletableFuture<net.webtransport.spi.QuicStats> stats() {
            Session s;
            synchronized (this) {
                s = session;
            }
            if (s == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("no session"));
            }
            return s.connectionStats().thenApply(c -> new net.webtransport.spi.QuicStats(c.packetsSent(), c.packetsReceived(),
                    c.packetsLost(), c.bytesSent(), c.bytesReceived(), c.bytesLost(), c.smoothedRttNanos(), c.deliveryRate()));
        }

        @Override
        public synchronized int maxDatagramSize() {
            return session == null ? 0 : session.maxDatagramSize();
        }

        @Override
        public CompletableFuture<StreamHandle> openStream(boolean bidirectional, long sendOrder, boolean waitUntilAvailable) {
            Session s;
            synchronized (this) {
                s = session;
            }
            if (s == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("no session"));
            }
            CompletableFuture<StreamHandle> opened = bidirectional
                    ? s.openBidirectionalStream(waitUntilAvailable).thenApply(b -> {
                        b.writable().sendOrder(sendOrder);
                        return StreamHandles.of(b);
                    })
                    : s.openUnidirectionalStream(waitUntilAvailable).thenApply(u -> {
                        u.sendOrder(sendOrder);
                        return StreamHandles.of(u);
                    });
            return opened.exceptionallyCompose(e -> CompletableFuture.failedFuture(StreamHandles.translate(e)));
        }

        @Override
        public CompletableFuture<byte[]> exportKeyingMaterial(byte[] label, byte[] context, int length) {
            Session s;
            synchronized (this) {
                s = session;
            }
            return s == null ? CompletableFuture.failedFuture(new IllegalStateException("no session"))
                    : s.exportKeyingMaterial(label, context, length);
        }
    }
}
