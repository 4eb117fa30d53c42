package net.webtransport.internal.netty;

import net.webtransport.transport.CongestionControl;
import java.time.Duration;
import net.webtransport.internal.stream.StreamLimits;

/**
 * QUIC transport parameters and socket sizes. The defaults favour throughput on fast links: a
 * 16 MiB stream window and a 64 MiB connection window let one stream fill a loopback link, and
 * 4 MiB socket buffers avoid the packet loss seen on loopback with the 208 KiB default.
 * {@code receiveBufferLimit} caps what one connection holds for its readers across all streams
 * (see {@link ReceiveBudget}). With {@code keyingMaterialExport} the TLS key log is watched for
 * each connection's exporter secret (see {@link ExporterSecrets}).
 */
public record TransportSettings(Duration idleTimeout, long connectionWindow, long streamWindow,
                                long maxIncomingBidiStreams, long maxIncomingUniStreams,
                                int datagramQueueLength, int socketBufferBytes, long receiveBufferLimit,
                                long sendBufferSize, boolean keyingMaterialExport, CongestionControl congestionControl) {

    public static final TransportSettings DEFAULT = new TransportSettings(
            net.webtransport.transport.EndpointBuilder.DEFAULT_IDLE_TIMEOUT, 64L << 20, 16L << 20, 256, 256, 1024, 4 << 20, 32L << 20,
            StreamLimits.DEFAULT.sendHighWaterMark(), true, CongestionControl.CUBIC);

    public TransportSettings {
        if (idleTimeout.isNegative() || connectionWindow < 0 || streamWindow < 0 || maxIncomingBidiStreams < 0
                || maxIncomingUniStreams < 0 || datagramQueueLength < 1 || socketBufferBytes < 0
                || receiveBufferLimit < 1 || sendBufferSize < 1) {
            throw new IllegalArgumentException("invalid transport settings");
        }
        if (congestionControl == null) {
            throw new IllegalArgumentException("no congestion control algorithm");
        }
    }

    /**
     * The stream layer's bounds: the receive budget is {@link #receiveBufferLimit}, each send
     * stream's high-water mark {@link #sendBufferSize}.
     */
    public StreamLimits streamLimits() {
        return StreamLimits.DEFAULT.withReceiveBudget(receiveBufferLimit).withSendHighWaterMark(sendBufferSize);
    }

    /** These settings with another idle timeout. */
    public TransportSettings withIdleTimeout(Duration timeout) {
        return new TransportSettings(timeout, connectionWindow, streamWindow, maxIncomingBidiStreams,
                maxIncomingUniStreams, datagramQueueLength, socketBufferBytes, receiveBufferLimit, sendBufferSize, keyingMaterialExport, congestionControl);
    }

    /** These settings with other limits on the streams the peer may open at once. */
    public TransportSettings withMaxIncomingStreams(long bidirectional, long unidirectional) {
        return new TransportSettings(idleTimeout, connectionWindow, streamWindow, bidirectional, unidirectional,
                datagramQueueLength, socketBufferBytes, receiveBufferLimit, sendBufferSize, keyingMaterialExport, congestionControl);
    }

    /** These settings with another cap on received data waiting for readers, per connection. */
    public TransportSettings withReceiveBufferLimit(long bytes) {
        return new TransportSettings(idleTimeout, connectionWindow, streamWindow, maxIncomingBidiStreams,
                maxIncomingUniStreams, datagramQueueLength, socketBufferBytes, bytes, sendBufferSize, keyingMaterialExport, congestionControl);
    }

    /** These settings with keying-material export on or off. */
    public TransportSettings withKeyingMaterialExport(boolean on) {
        return new TransportSettings(idleTimeout, connectionWindow, streamWindow, maxIncomingBidiStreams,
                maxIncomingUniStreams, datagramQueueLength, socketBufferBytes, receiveBufferLimit, sendBufferSize, on, congestionControl);
    }

    /** These settings with another high-water mark for each send stream's buffer. */
    public TransportSettings withSendBufferSize(long bytes) {
        return new TransportSettings(idleTimeout, connectionWindow, streamWindow, maxIncomingBidiStreams,
                maxIncomingUniStreams, datagramQueueLength, socketBufferBytes, receiveBufferLimit, bytes, keyingMaterialExport, congestionControl);
    }

    /** These settings with another congestion control algorithm. */
    public TransportSettings withCongestionControl(CongestionControl algorithm) {
        return new TransportSettings(idleTimeout, connectionWindow, streamWindow, maxIncomingBidiStreams,
                maxIncomingUniStreams, datagramQueueLength, socketBufferBytes, receiveBufferLimit, sendBufferSize,
                keyingMaterialExport, algorithm);
    }
}
