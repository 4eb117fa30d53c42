package net.webtransport.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The options a client's and a server's builder share.
 *
 * @param <B> the concrete builder, returned by every option for chaining
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {
    /** The default QUIC idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The default of {@link #incomingMaxBufferedDatagrams}. */
    public static final int DEFAULT_INCOMING_MAX_BUFFERED_DATAGRAMS = 256;
    /** The default high-water mark of a send stream's buffer: 64 KiB. */
    public static final long DEFAULT_SEND_BUFFER_SIZE = 64 << 10;

    /** The default of {@link #sessionReceiveWindow}: 16 MiB. */
    public static final long DEFAULT_SESSION_RECEIVE_WINDOW = 16L << 20;
    /** The default of {@link #sessionStreamLimits}: 100 streams of each kind. */
    public static final long DEFAULT_SESSION_STREAMS = 100;

    private Executor executor;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int incomingMaxBufferedDatagrams = DEFAULT_INCOMING_MAX_BUFFERED_DATAGRAMS;
    private long sendBufferSize = DEFAULT_SEND_BUFFER_SIZE;
    private boolean keyingMaterialExport = true;
    private CongestionControl congestionControl = CongestionControl.CUBIC;
    private long sessionReceiveWindow = DEFAULT_SESSION_RECEIVE_WINDOW;
    private long sessionStreamsBidi = DEFAULT_SESSION_STREAMS;
    private long sessionStreamsUni = DEFAULT_SESSION_STREAMS;
    private IoTransport ioTransport = IoTransport.AUTO;
    private int eventLoops;

    protected EndpointBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The executor that runs handlers and completes futures. Without one the endpoint uses a bounded
     * pool of daemon threads (at most 64, or 8 per core), shut down when the endpoint closes.
     */
    public B executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return self();
    }

    /** The QUIC idle timeout: a connection silent this long is closed. */
    public B idleTimeout(Duration idleTimeout) {
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        return self();
    }

    /**
     * How many received datagrams one session holds for a handler that has not taken them yet
     * (default 256); past it the oldest is dropped and counted in
     * {@link Session#droppedIncomingDatagrams()}.
     */
    public B incomingMaxBufferedDatagrams(int datagrams) {
        if (datagrams < 1) {
            throw new IllegalArgumentException("the datagram queue must hold at least one datagram");
        }
        this.incomingMaxBufferedDatagrams = datagrams;
        return self();
    }

    /**
     * The high-water mark of each send stream's buffer (default 64 KiB): a write completes once its
     * bytes are inside it, {@link SendStream#desiredSize()} is what is left of it, and it is all a
     * stream holds before quiche takes the bytes in send order. Larger values help a writer that
     * waits for each write on a long fat path; smaller ones bound memory per stream more tightly.
     */
    public B sendBufferSize(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the send buffer must hold at least one byte: " + bytes);
        }
        this.sendBufferSize = bytes;
        return self();
    }

    /**
     * Whether sessions offer {@link Session#exportKeyingMaterial} (default on). Netty's QUIC codec
     * has no TLS exporter, so this watches the TLS key log of each handshake: every secret of it
     * passes through the callback as a string, and only the exporter secret is kept (zeroed when
     * the connection closes). Turn it off where no secret may reach the Java heap.
     */
    public B keyingMaterialExport(boolean on) {
        this.keyingMaterialExport = on;
        return self();
    }

    /**
     * WebTransport flow control (draft-ietf-webtrans-http3 §5): the stream-body bytes the peer may
     * send on all streams of one session before this endpoint's application has read them
     * (default 16 MiB). Credit goes back as the application reads, so a slow reader slows its
     * peer down instead of piling up data. Flow control is on when both endpoints grant something;
     * 0 here together with 0 streams in {@link #sessionStreamLimits} turns it off.
     */
    public B sessionReceiveWindow(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("the session receive window cannot be negative: " + bytes);
        }
        this.sessionReceiveWindow = bytes;
        return self();
    }

    /**
     * WebTransport flow control: how many bidirectional and unidirectional streams the peer may
     * have open at once in one session (default 100 each); more wait until earlier ones end.
     */
    public B sessionStreamLimits(long bidirectional, long unidirectional) {
        if (bidirectional < 0 || unidirectional < 0 || bidirectional > (1L << 60) || unidirectional > (1L << 60)) {
            throw new IllegalArgumentException("stream limits are 0 to 2^60");
        }
        this.sessionStreamsBidi = bidirectional;
        this.sessionStreamsUni = unidirectional;
        return self();
    }

    /**
     * The QUIC congestion control algorithm of this endpoint's connections (default
     * {@link CongestionControl#CUBIC}, quiche's own default). {@link CongestionControl#BBR} keeps
     * far more throughput on paths with random loss: 64 MiB under 5 % loss and 50 ms RTT took
     * seconds with it and would take minutes with CUBIC (see the README's reliability table).
     */
    public B congestionControl(CongestionControl algorithm) {
        this.congestionControl = Objects.requireNonNull(algorithm, "algorithm");
        return self();
    }

    /**
     * The socket layer (default {@link IoTransport#AUTO}: Netty's native epoll transport with UDP
     * GSO where it loads, else NIO, logged once). {@link IoTransport#EPOLL} makes starting
     * the endpoint fail where epoll is not available.
     */
    public B ioTransport(IoTransport transport) {
        this.ioTransport = Objects.requireNonNull(transport, "transport");
        return self();
    }

    /**
     * How many event loops (threads doing the QUIC and HTTP/3 work) the endpoint runs, each with
     * a UDP socket of its own; a connection stays on one loop for its life. A server's default is
     * one per core ({@link Runtime#availableProcessors()}), its sockets sharing the port through
     * {@code SO_REUSEPORT}, which only epoll offers: on NIO a server has one loop whatever this
     * says. A client's default is one loop; with more, its connections take the loops in turn.
     * With several server loops the kernel picks a packet's socket by a hash of its addresses and
     * ports, so a client whose address changes mid-connection (NAT rebinding, migration) can land
     * on a loop that does not know its connection, which then stalls: serve such clients on one loop.
     *
     * @param loops at least 1
     */
    public B eventLoops(int loops) {
        if (loops < 1) {
            throw new IllegalArgumentException("at least one event loop: " + loops);
        }
        this.eventLoops = loops;
        return self();
    }

    /** The transport asked for. */
    protected IoTransport ioTransport() {
        return ioTransport;
    }

    /** The event loops asked for, or 0 for the endpoint's default. */
    protected int eventLoops() {
        return eventLoops;
    }

    protected CongestionControl congestionControl() {
        return congestionControl;
    }

    protected long sessionReceiveWindow() {
        return sessionReceiveWindow;
    }

    protected long sessionStreamsBidi() {
        return sessionStreamsBidi;
    }

    protected long sessionStreamsUni() {
        return sessionStreamsUni;
    }

    protected boolean keyingMaterialExport() {
        return keyingMaterialExport;
    }

    protected long sendBufferSize() {
        return sendBufferSize;
    }

    /** The executor given, or null for the default pool. */
    protected Executor executor() {
        return executor;
    }

    protected Duration idleTimeout() {
        return idleTimeout;
    }

    protected int incomingMaxBufferedDatagrams() {
        return incomingMaxBufferedDatagrams;
    }
}
