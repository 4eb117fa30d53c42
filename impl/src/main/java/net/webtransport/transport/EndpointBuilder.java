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

    private Executor executor;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int incomingMaxBufferedDatagrams = DEFAULT_INCOMING_MAX_BUFFERED_DATAGRAMS;

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
