package net.webtransport.transport;

/**
 * What the QUIC connection under a session reports about itself (quiche's counters as Netty
 * exposes them). Counts cover the whole connection, so every session pooled on it sees the same.
 *
 * @param packetsSent      QUIC packets sent
 * @param packetsReceived  QUIC packets received
 * @param packetsLost      packets declared lost
 * @param bytesSent        bytes sent in UDP payloads
 * @param bytesReceived    bytes received in UDP payloads
 * @param bytesLost        bytes in packets declared lost
 * @param smoothedRttNanos the smoothed round-trip time of the active path
 * @param congestionWindow the congestion window of the active path, in bytes
 * @param deliveryRate     quiche's estimate of the path's delivery rate, in bytes per second
 */
public record ConnectionStats(long packetsSent, long packetsReceived, long packetsLost, long bytesSent,
                              long bytesReceived, long bytesLost, long smoothedRttNanos, long congestionWindow,
                              long deliveryRate) {
}
