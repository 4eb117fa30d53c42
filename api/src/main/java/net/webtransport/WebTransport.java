package net.webtransport;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import net.webtransport.spi.SessionHandle;
import net.webtransport.spi.SessionListener;
import net.webtransport.spi.SessionRequest;
import net.webtransport.spi.StreamHandle;
import net.webtransport.spi.WebTransportProvider;
import net.webtransport.streams.OrderedExecutor;
import net.webtransport.streams.ReadableStream;

/**
 * The W3C <a href="https://w3c.github.io/webtransport/#web-transport">WebTransport</a> interface:
 * {@code new WebTransport("https://example.com/chat", options)} starts a session at once, as in a
 * browser. Promises are {@link CompletableFuture}s, completed on the executor of the implementation
 * found on the class path (never on a network thread, never under a lock of this class);
 * DOMExceptions are the exception types of this package, named as the spec names them.
 *
 * <p>A transport moves from connecting to connected (when {@link #ready()} completes), perhaps to
 * draining (when {@link #draining()} completes), and ends either closed (cleanly, by either side:
 * {@link #closed()} completes with the close information) or failed (the session could not be
 * established or was lost: {@code ready} if still pending and {@code closed} fail with a session
 * {@link WebTransportError}). Once it has ended, new streams, send groups and datagram writables are
 * refused with {@link InvalidStateError}.
 *
 * <pre>{@code
 * WebTransport wt = new WebTransport("https://example.com/echo");
 * wt.ready().join();
 * WebTransportBidirectionalStream stream = wt.createBidirectionalStream().join();
 * WebTransportWriter writer = stream.writable().getWriter();
 * writer.write("hello".getBytes(StandardCharsets.UTF_8));
 * writer.close();
 * ReadResult<byte[]> first = stream.readable().getReader().read().join();
 * wt.close(new WebTransportCloseInfo(0, "done"));
 * }</pre>
 *
 * <p>This part of the API covers the session ({@link #ready()}, {@link #closed()},
 * {@link #draining()}, {@link #close}, {@link #protocol()}, {@link #responseHeaders()},
 * {@link #reliability()}, {@link #congestionControl()}, {@link #exportKeyingMaterial}) and its
 * streams, datagrams and statistics; send groups follow.
 *
 * <p>Longer than the project's ~400-line aim because it is the WebIDL interface itself: one member
 * per WebIDL member, each with its spec rule; streams, datagrams, statistics and the constructor's
 * checks live in their own classes.
 */
public final class WebTransport {

    /** W3C {@code [[State]]}. */
    enum State { CONNECTING, CONNECTED, DRAINING, CLOSED, FAILED }

    /**
     * The most keying material one {@link #exportKeyingMaterial} call may ask for, in bytes (the spec
     * requires at least 4096).
     */
    public static final int MAX_KEYING_MATERIAL_LENGTH = 8160;

    private final SessionHandle session;
    private final IncomingStreams incoming;
    private final WebTransportDatagramDuplexStream datagrams;
    private final StatsKeeper stats;
    private final StreamOpener opener;
    private final java.util.concurrent.atomic.AtomicLong sendGroups = new java.util.concurrent.atomic.AtomicLong();
    private final WebTransportCongestionControl congestionControl;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<WebTransportCloseInfo> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> draining = new CompletableFuture<>();
    /**
     * Where ready, closed and draining settle: in the order things happened, each in a task of its own
     * and never inside the provider's call, so that code chained on one may wait for another.
     */
    private final OrderedExecutor settlements;
    private final Object lock = new Object();
    private State state = State.CONNECTING;
    private String protocol = "";
    private Headers responseHeaders;
    private WebTransportReliabilityMode reliability = WebTransportReliabilityMode.PENDING;
    private Integer anticipatedUni;
    private Integer anticipatedBidi;

    /**
     * {@code new WebTransport(url)}: starts establishing a session with the default options.
     *
     * @param url the server's {@code https} URL, without fragment
     * @throws SyntaxError           if the URL does not parse, is not {@code https}, has no host or has
     *                               a fragment
     * @throws IllegalStateException if no WebTransport implementation is on the class path
     */
    public WebTransport(String url) {
        this(url, WebTransportOptions.DEFAULT);
    }

    /**
     * {@code new WebTransport(url, options)}: checks the arguments in the spec's order, then starts
     * establishing the session and returns without waiting for it. Forbidden request headers (such
     * as {@code Cookie} or {@code Host}) are dropped silently, and certificate hashes whose algorithm
     * is not {@code sha-256} are ignored.
     *
     * @param url     the server's {@code https} URL, without fragment
     * @param options the options; {@link WebTransportOptions#DEFAULT} for none
     * @throws SyntaxError           if the URL does not parse, is not {@code https}, has no host or has
     *                               a fragment, or a protocol is empty, too long, not printable ASCII
     *                               or repeated
     * @throws NotSupportedError     if pooling is allowed and certificate hashes are given
     * @throws TypeError             if a header name is not a token, a header value holds CR, LF or NUL,
     *                               or a header is {@code WT-Available-Protocols}
     * @throws IllegalStateException if no WebTransport implementation is on the class path
     * @throws NullPointerException  if {@code options} is null
     */
    public WebTransport(String url, WebTransportOptions options) {
        URI uri = ConstructorChecks.url(url);
        if (options.allowPooling() && !options.serverCertificateHashes().isEmpty()) {
            throw new NotSupportedError("serverCertificateHashes need a dedicated connection: allowPooling must be false");
        }
        // Congestion control profiles are a hint the stack does not offer; the spec falls back to "default".
        this.congestionControl = WebTransportCongestionControl.DEFAULT;
        WebTransportProvider provider = provider();
        try {
            provider.checkProtocols(options.protocols());
        } catch (IllegalArgumentException e) {
            throw new SyntaxError("bad protocols: " + e.getMessage());
        }
        List<Map.Entry<String, String>> headers = ConstructorChecks.requestHeaders(options.headers());
        List<byte[]> hashes = options.serverCertificateHashes().stream()
                .filter(h -> h.algorithm().equalsIgnoreCase("sha-256"))
                .map(WebTransportHash::value).toList();
        this.anticipatedUni = options.anticipatedConcurrentIncomingUnidirectionalStreams();
        this.anticipatedBidi = options.anticipatedConcurrentIncomingBidirectionalStreams();
        Listener listener = new Listener();
        this.session = provider.connect(new SessionRequest(uri, !options.allowPooling(), headers, options.protocols(),
                hashes, anticipatedUni, anticipatedBidi), listener);
        this.settlements = new OrderedExecutor(session.executor());
        this.incoming = new IncomingStreams(this, session.executor());
        this.datagrams = new WebTransportDatagramDuplexStream(this, this::isOver, session, ready, () -> System.nanoTime() / 1_000_000,
                "bytes".equals(options.datagramsReadableType()));
        this.stats = new StatsKeeper(session, datagrams, options.allowPooling());
        this.opener = new StreamOpener(this, session, ready, this::isOver);
        listener.attached();
    }

    private static WebTransportProvider provider() {
        return ServiceLoader.load(WebTransportProvider.class, WebTransport.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no WebTransport implementation on the class path (add webtransport-impl)"));
    }

    /**
     * Whether sessions over HTTP/2 (reliable streams only, no datagrams) are supported (W3C
     * {@code supportsReliableOnly}).
     *
     * @return always false: this implementation speaks HTTP/3 only
     */
    public static boolean supportsReliableOnly() {
        return false;
    }

    // ------------------------------------------------------------------ attributes

    /**
     * Waits for the session to be established (W3C {@code ready}).
     *
     * @return completes when the server accepted the session; fails with a session
     *         {@link WebTransportError} if it never is (refused, unreachable, or closed while connecting)
     */
    public CompletableFuture<Void> ready() {
        return ready.copy();
    }

    /**
     * Waits for the session to end (W3C {@code closed}).
     *
     * @return completes with the close information once the session is closed cleanly, by
     *         {@link #close} (the information as given) or by the server (its code and reason); fails
     *         with a session {@link WebTransportError} if the session failed or was closed before it was
     *         established
     */
    public CompletableFuture<WebTransportCloseInfo> closed() {
        return closed.copy();
    }

    /**
     * Waits for the server to ask for the session to wind down (W3C {@code draining}): the session
     * still works, but the application should finish up and close it.
     *
     * @return completes when WT_DRAIN_SESSION or an HTTP/3 GOAWAY arrives; stays pending otherwise,
     *         even after the session ended
     */
    public CompletableFuture<Void> draining() {
        return draining.copy();
    }

    /**
     * The application protocol the server chose among {@link WebTransportOptions#protocols()} (W3C
     * {@code protocol}).
     *
     * @return the chosen protocol, or "" if none was chosen or the session is not established yet
     */
    public String protocol() {
        synchronized (lock) {
            return protocol;
        }
    }

    /**
     * The headers of the server's response to the session request (W3C {@code responseHeaders}),
     * without {@code wt-protocol} (see {@link #protocol()}) and cookies.
     *
     * @return the headers, or null before the session is established
     */
    public Headers responseHeaders() {
        synchronized (lock) {
            return responseHeaders;
        }
    }

    /**
     * Whether the session can carry unreliable datagrams (W3C {@code reliability}).
     *
     * @return {@code PENDING} until the session is established, then {@code SUPPORTS_UNRELIABLE}
     */
    public WebTransportReliabilityMode reliability() {
        synchronized (lock) {
            return reliability;
        }
    }

    /**
     * The congestion-control profile in use (W3C {@code congestionControl}).
     *
     * @return always {@code DEFAULT}: the profiles asked for in the options are a hint this
     *         implementation does not offer, and the spec then falls back to the default
     */
    public WebTransportCongestionControl congestionControl() {
        return congestionControl;
    }

    /**
     * The hint for how many unidirectional streams the server will have open at once (W3C
     * {@code anticipatedConcurrentIncomingUnidirectionalStreams}).
     *
     * @return the hint, 0 to 65535, or null for none
     */
    public Integer anticipatedConcurrentIncomingUnidirectionalStreams() {
        synchronized (lock) {
            return anticipatedUni;
        }
    }

    /**
     * Changes the unidirectional stream-count hint. A hint only; this implementation allows at least
     * 100 incoming streams of each kind anyway.
     *
     * @param streams the hint, or null for none
     * @throws TypeError unless null or 0 to 65535
     */
    public void anticipatedConcurrentIncomingUnidirectionalStreams(Integer streams) {
        Integer checked = WebTransportOptions.Builder.enforceUnsignedShort(streams);
        synchronized (lock) {
            anticipatedUni = checked;
        }
    }

    /**
     * The hint for how many bidirectional streams the server will have open at once (W3C
     * {@code anticipatedConcurrentIncomingBidirectionalStreams}).
     *
     * @return the hint, 0 to 65535, or null for none
     */
    public Integer anticipatedConcurrentIncomingBidirectionalStreams() {
        synchronized (lock) {
            return anticipatedBidi;
        }
    }

    /**
     * Changes the bidirectional stream-count hint. A hint only; this implementation allows at least
     * 100 incoming streams of each kind anyway.
     *
     * @param streams the hint, or null for none
     * @throws TypeError unless null or 0 to 65535
     */
    public void anticipatedConcurrentIncomingBidirectionalStreams(Integer streams) {
        Integer checked = WebTransportOptions.Builder.enforceUnsignedShort(streams);
        synchronized (lock) {
            anticipatedBidi = checked;
        }
    }

    /**
     * The session's datagrams (W3C {@code datagrams}): a readable of incoming ones and writables for
     * outgoing ones.
     *
     * @return the datagram duplex stream, the same object on every call
     */
    public WebTransportDatagramDuplexStream datagrams() {
        return datagrams;
    }

    /**
     * Bidirectional streams the server opens, in the order they arrive (W3C
     * {@code incomingBidirectionalStreams}). It closes when the session is closed and errors with the
     * session's error when it fails.
     *
     * @return the readable stream of incoming bidirectional streams
     */
    public ReadableStream<WebTransportBidirectionalStream> incomingBidirectionalStreams() {
        return incoming.bidirectional;
    }

    /**
     * Unidirectional streams the server opens, in the order they arrive (W3C
     * {@code incomingUnidirectionalStreams}). It closes when the session is closed and errors with
     * the session's error when it fails.
     *
     * @return the readable stream of incoming unidirectional streams
     */
    public ReadableStream<WebTransportReceiveStream> incomingUnidirectionalStreams() {
        return incoming.unidirectional;
    }

    // ------------------------------------------------------------------ methods

    /**
     * {@code createBidirectionalStream()} with the default options: no send group, send order 0, and
     * failing at once without stream credit.
     *
     * @return the new stream; fails as {@link #createBidirectionalStream(WebTransportSendStreamOptions)} does
     */
    public CompletableFuture<WebTransportBidirectionalStream> createBidirectionalStream() {
        return createBidirectionalStream(WebTransportSendStreamOptions.DEFAULT);
    }

    /**
     * {@code createBidirectionalStream(options)}: opens a bidirectional stream. While connecting it
     * waits for the session. The server learns of the stream when its first bytes (or FIN) arrive.
     *
     * @param options the send group, send order and whether to wait for stream credit
     * @return the new stream, completed on the transport's executor; fails with a {@link TypeError}
     *         if the send group belongs to another transport, with a {@link QuotaExceededError} if the
     *         server allows no more streams now and {@code waitUntilAvailable} is false, or with an
     *         {@link InvalidStateError} once the transport is closed or failed (or becomes so first)
     * @throws NullPointerException if {@code options} is null
     */
    public CompletableFuture<WebTransportBidirectionalStream> createBidirectionalStream(WebTransportSendStreamOptions options) {
        return opener.open(true, options).thenApply(h -> new WebTransportBidirectionalStream(
                new WebTransportReceiveStream(h, session.executor()),
                new WebTransportSendStream(h, this, options.sendGroup(), options.sendOrder(), session.executor())));
    }

    /**
     * {@code createUnidirectionalStream()} with the default options: no send group, send order 0, and
     * failing at once without stream credit.
     *
     * @return the new stream; fails as {@link #createUnidirectionalStream(WebTransportSendStreamOptions)} does
     */
    public CompletableFuture<WebTransportSendStream> createUnidirectionalStream() {
        return createUnidirectionalStream(WebTransportSendStreamOptions.DEFAULT);
    }

    /**
     * {@code createUnidirectionalStream(options)}: opens an outgoing unidirectional stream, with the
     * rules of {@link #createBidirectionalStream(WebTransportSendStreamOptions)}.
     *
     * @param options the send group, send order and whether to wait for stream credit
     * @return the new stream, completed on the transport's executor; fails as
     *         {@link #createBidirectionalStream(WebTransportSendStreamOptions)} does
     * @throws NullPointerException if {@code options} is null
     */
    public CompletableFuture<WebTransportSendStream> createUnidirectionalStream(WebTransportSendStreamOptions options) {
        return opener.open(false, options).thenApply(h ->
                new WebTransportSendStream(h, this, options.sendGroup(), options.sendOrder(), session.executor()));
    }

    /**
     * {@code createSendGroup()}: a new send group of this transport, for streams and datagram
     * writables that should share bandwidth fairly with other groups.
     *
     * @return the new group
     * @throws InvalidStateError once the transport is closed or failed
     */
    public WebTransportSendGroup createSendGroup() {
        if (isOver()) {
            throw new InvalidStateError("the transport is closed");
        }
        return new WebTransportSendGroup(this, sendGroups.incrementAndGet());
    }

    /** Where this transport completes its futures. */
    java.util.concurrent.Executor executor() {
        return session.executor();
    }

    /** {@code close()}: closes with code 0 and reason "" (see {@link #close(WebTransportCloseInfo)}). */
    public void close() {
        close(WebTransportCloseInfo.DEFAULT);
    }

    /**
     * {@code close(closeInfo)} (W3C §close): nothing if closed or failed; while connecting the
     * session is abandoned and {@link #ready()} and {@link #closed()} fail with a session
     * {@link WebTransportError}; otherwise WT_CLOSE_SESSION goes with the code and the reason cut to
     * 1024 UTF-8 bytes on a character boundary, and {@link #closed()} completes with
     * {@code closeInfo} as given. The incoming-stream readables and the datagram readable close.
     * Returns without waiting.
     *
     * @param closeInfo the close code and reason to send
     * @throws NullPointerException if {@code closeInfo} is null and the session is established
     */
    public void close(WebTransportCloseInfo closeInfo) {
        State was;
        synchronized (lock) {
            was = state;
            if (was == State.CLOSED || was == State.FAILED) {
                return;
            }
            state = was == State.CONNECTING ? State.FAILED : State.CLOSED;
        }
        if (was == State.CONNECTING) {
            session.abort();
            fail(WebTransportError.session("the session was closed before it was established"));
            return;
        }
        stats.takeAtClose(); // asked before the close, so it sees the connection as it was
        session.close(closeInfo.closeCode(), ConstructorChecks.truncateReason(closeInfo.reason()));
        incoming.close();
        datagrams.onEnded(null);
        settlements.execute(() -> closed.complete(closeInfo));
    }

    /**
     * {@code exportKeyingMaterial(label, context, outputLength)}: keying material bound to this
     * session (W3C §exportKeyingMaterial, draft-ietf-webtrans-http3 §4.8). Fails with
     * {@link RangeError} for a label or context over 255 bytes or a length of 0 or over
     * {@link #MAX_KEYING_MATERIAL_LENGTH}, then with {@link InvalidStateError} if the transport is
     * closed or failed (or becomes so before the material is ready); waits while connecting.
     *
     * @param label        the exporter label, at most 255 bytes (copied)
     * @param context      the exporter context, at most 255 bytes (copied)
     * @param outputLength how many bytes to derive
     * @return the keying material, completed on the transport's executor; failures as above
     * @throws NullPointerException if {@code label} or {@code context} is null
     */
    public CompletableFuture<byte[]> exportKeyingMaterial(byte[] label, byte[] context, long outputLength) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        RuntimeException invalid = null;
        if (label.length > 255) {
            invalid = new RangeError("the label has " + label.length + " bytes; at most 255 are allowed");
        } else if (context.length > 255) {
            invalid = new RangeError("the context has " + context.length + " bytes; at most 255 are allowed");
        } else if (outputLength < 1 || outputLength > MAX_KEYING_MATERIAL_LENGTH) {
            invalid = new RangeError("outputLength must be 1 to " + MAX_KEYING_MATERIAL_LENGTH + ", not " + outputLength);
        } else if (isOver()) {
            invalid = new InvalidStateError("the transport is closed");
        }
        if (invalid != null) {
            RuntimeException failure = invalid;
            session.executor().execute(() -> result.completeExceptionally(failure));
            return result;
        }
        byte[] l = label.clone();
        byte[] c = context.clone();
        ready.thenCompose(v -> session.exportKeyingMaterial(l, c, (int) outputLength)).whenCompleteAsync((bytes, e) -> {
            if (e != null || isOver()) {
                result.completeExceptionally(new InvalidStateError("the transport closed before the keying material was ready"));
            } else {
                result.complete(bytes);
            }
        }, session.executor());
        return result;
    }

    /**
     * {@code getStats()} (W3C §getStats): the connection's figures; waits while connecting, fails
     * with {@link InvalidStateError} once failed, and once closed gives the figures taken as the
     * session closed. See {@link WebTransportConnectionStats} for which members this implementation
     * fills in.
     *
     * @return the statistics, completed on the transport's executor; fails with an
     *         {@link InvalidStateError} as above, or when none could be had and none were taken before
     */
    public CompletableFuture<WebTransportConnectionStats> getStats() {
        State now;
        synchronized (lock) {
            now = state;
        }
        return stats.get(now, ready, this::isFailed);
    }

    private boolean isFailed() {
        synchronized (lock) {
            return state == State.FAILED;
        }
    }

    private boolean isOver() {
        synchronized (lock) {
            return state == State.CLOSED || state == State.FAILED;
        }
    }

    /** Cleanup with an error (W3C §cleanup): ready and closed fail with the same error. On the executor. */
    private void fail(WebTransportError error) {
        incoming.error(error);
        datagrams.onEnded(error);
        settleFailure(error);
    }

    /**
     * Fails ready (if still pending) and closed, each in a task of its own, so that code chained on
     * ready may wait for closed.
     */
    private void settleFailure(WebTransportError error) {
        settlements.execute(() -> ready.completeExceptionally(error));
        settlements.execute(() -> closed.completeExceptionally(error));
    }

    /** Hears the provider; runs on the session's executor. */
    private final class Listener implements SessionListener {
        private final CompletableFuture<Void> attached = new CompletableFuture<>();

        /** The constructor finished: the incoming-stream readables exist. */
        void attached() {
            attached.complete(null);
        }

        @Override
        public void datagram(byte[] payload) {
            attached.join();
            datagrams.onDatagram(payload);
        }

        @Override
        public void incomingStream(StreamHandle stream) {
            attached.join(); // the provider may report a stream before the constructor returned
            incoming.accept(stream);
        }

        @Override
        public void established(String negotiated, List<Map.Entry<String, String>> headers) {
            synchronized (lock) {
                if (state != State.CONNECTING) {
                    return; // close() abandoned it meanwhile
                }
                state = State.CONNECTED;
                protocol = negotiated;
                responseHeaders = ConstructorChecks.responseHeaders(headers);
                reliability = WebTransportReliabilityMode.SUPPORTS_UNRELIABLE;
            }
            attached.join();
            settlements.execute(() -> ready.complete(null));
        }

        @Override
        public void failed(String reason) {
            synchronized (lock) {
                if (state == State.CLOSED || state == State.FAILED) {
                    return;
                }
                state = State.FAILED;
            }
            WebTransportError error = WebTransportError.session(reason);
            attached.join();
            incoming.error(error);
            datagrams.onEnded(error);
            settleFailure(error);
        }

        @Override
        public void closedByPeer(long closeCode, String reason) {
            State was;
            synchronized (lock) {
                was = state;
                if (was == State.CLOSED || was == State.FAILED) {
                    return;
                }
                state = was == State.CONNECTING ? State.FAILED : State.CLOSED;
            }
            attached.join();
            if (was == State.CONNECTING) {
                WebTransportError error = WebTransportError.session("the server closed the session before it was established");
                incoming.error(error);
                datagrams.onEnded(error);
                settleFailure(error);
            } else {
                stats.takeAtClose();
                incoming.close();
                datagrams.onEnded(null);
                settlements.execute(() -> closed.complete(new WebTransportCloseInfo(closeCode, reason)));
            }
        }

        @Override
        public void draining() {
            synchronized (lock) {
                if (state == State.CONNECTED) {
                    state = State.DRAINING;
                }
            }
            attached.join();
            settlements.execute(() -> draining.complete(null));
        }
    }
}
