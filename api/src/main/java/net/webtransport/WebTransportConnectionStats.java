package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportconnectionstats">WebTransportConnectionStats</a>.
 * Members are null where the spec leaves them absent: the counters on a pooled connection (the
 * spec shows pooled sessions only the path estimates), and what the QUIC stack does not report
 * ({@code bytesSentOverhead}, {@code bytesAcknowledged}, {@code rttVariation}, {@code minRtt}:
 * quiche keeps the last two, but Netty does not pass them on; no value is made up).
 *
 * @param smoothedRtt       the path's smoothed round-trip time, in milliseconds
 * @param estimatedSendRate quiche's delivery-rate estimate, in bits per second, or null if it has none yet
 * @param atSendCapacity    always false: the stack does not say when the congestion window is the limit
 */
public record WebTransportConnectionStats(Long bytesSent, Long bytesSentOverhead, Long bytesAcknowledged,
                                          Long packetsSent, Long bytesLost, Long packetsLost, Long bytesReceived,
                                          Long packetsReceived, Double smoothedRtt, Double rttVariation, Double minRtt,
                                          WebTransportDatagramStats datagrams, Long estimatedSendRate,
                                          boolean atSendCapacity) {
}
