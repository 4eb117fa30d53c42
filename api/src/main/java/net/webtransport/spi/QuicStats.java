package net.webtransport.spi;

/**
 * The QUIC connection's figures as a provider knows them (see the fields of
 * {@link net.webtransport.WebTransportConnectionStats} for their meaning). Counts are totals since
 * the connection started.
 *
 * @param packetsSent      QUIC packets sent, including retransmissions
 * @param packetsReceived  QUIC packets received
 * @param packetsLost      packets declared lost
 * @param bytesSent        bytes sent in UDP payloads, including retransmissions
 * @param bytesReceived    bytes received in UDP payloads
 * @param bytesLost        bytes in packets declared lost
 * @param smoothedRttNanos the active path's smoothed RTT, in nanoseconds
 * @param deliveryRate     the active path's estimated delivery rate, bytes per second (0 if unknown)
 */
public record QuicStats(long packetsSent, long packetsReceived, long packetsLost, long bytesSent, long bytesReceived,
                        long bytesLost, long smoothedRttNanos, long deliveryRate) {
}
