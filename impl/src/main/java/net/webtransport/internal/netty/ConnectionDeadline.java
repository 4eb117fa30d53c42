package net.webtransport.internal.netty;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.webtransport.internal.wire.ErrorCodes;

/**
 * Server: closes a connection with H3_NO_ERROR that does not send its SETTINGS within
 * {@link ServerLimits#settingsTimeout()}, or holds no session for {@link ServerLimits#requestTimeout()}
 * (before its first CONNECT or after its last session ended), so a peer cannot keep an idle
 * connection alive with pings or datagrams. Event loop only.
 */
final class ConnectionDeadline {
    private static final System.Logger LOG = System.getLogger(ConnectionDeadline.class.getName());

    private final ServerLimits limits;
    private ScheduledFuture<?> pending;

    ConnectionDeadline(ServerLimits limits) {
        this.limits = limits;
    }

    /** The connection exists: its SETTINGS are due. */
    void onStart(QuicChannel quic) {
        arm(quic, limits.settingsTimeout(), "no SETTINGS");
    }

    /** The connection has no session now (SETTINGS arrived, or the last session ended). */
    void onSessionless(QuicChannel quic) {
        if (quic.isActive()) {
            arm(quic, limits.requestTimeout(), "no WebTransport session");
        }
    }

    /** A session was requested, or the connection closed. */
    void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void arm(QuicChannel quic, Duration after, String what) {
        cancel();
        pending = quic.eventLoop().schedule(() -> {
            pending = null;
            LOG.log(System.Logger.Level.DEBUG, () -> "closing " + quic.remoteSocketAddress() + ": " + what + " within " + after);
            quic.close(true, (int) ErrorCodes.H3_NO_ERROR, io.netty.buffer.Unpooled.copiedBuffer(
                    what + " within " + after.toSeconds() + " s", java.nio.charset.StandardCharsets.UTF_8));
        }, after.toNanos(), TimeUnit.NANOSECONDS);
    }
}
