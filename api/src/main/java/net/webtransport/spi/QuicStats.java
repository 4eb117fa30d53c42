package net.webtransport.spi;

/**
 * The QUIC connection's figures as a provider knows them (see the fields of
 * {@link net.webtransport.WebTransportConnectionStats} for their meaning).
 *
 * @param smoothedRttNanos the active path's smoothed RTT
 * @param deliveryRate     the active path's estimated delivery rate, bytes per second (0 if unknown)
 */
public record QuicStats(long packetsSent, long packetsReceived, long packetsLost, long bytesSent, long bytesReceived,
                        long bytesLost, long smoothedRttNanos, long deliveryRate) {
}
