package net.webtransport.internal.netty;

import io.netty.util.internal.PlatformDependent;
import java.time.Duration;

/**
 * What a server allows all peers together, and how long a connection may go without doing
 * WebTransport.
 *
 * @param maxConnections  connections served at once; a further one is closed with H3_EXCESSIVE_LOAD
 * @param receiveBudget   bytes all connections hold for their readers together; past it every stream
 *                        stops reading from QUIC until readers drain it below half
 * @param settingsTimeout how long a new connection may take to send its SETTINGS
 * @param requestTimeout  how long a connection may stay without a session, before its first CONNECT
 *                        or after its last session ended
 */
public record ServerLimits(int maxConnections, long receiveBudget, Duration settingsTimeout, Duration requestTimeout) {

    /** A quarter of the direct memory the JVM allows: where received stream data lives. */
    public static final ServerLimits DEFAULT = new ServerLimits(10_000,
            Math.max(64L << 20, PlatformDependent.maxDirectMemory() / 4), Duration.ofSeconds(10), Duration.ofSeconds(30));

    public ServerLimits {
        if (maxConnections < 1 || receiveBudget < 1 || settingsTimeout.isNegative() || settingsTimeout.isZero()
                || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("invalid server limits");
        }
    }

    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(n, receiveBudget, settingsTimeout, requestTimeout);
    }

    public ServerLimits withReceiveBudget(long bytes) {
        return new ServerLimits(maxConnections, bytes, settingsTimeout, requestTimeout);
    }

    public ServerLimits withSettingsTimeout(Duration timeout) {
        return new ServerLimits(maxConnections, receiveBudget, timeout, requestTimeout);
    }

    public ServerLimits withRequestTimeout(Duration timeout) {
        return new ServerLimits(maxConnections, receiveBudget, settingsTimeout, timeout);
    }
}
