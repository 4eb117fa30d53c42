package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportconnectionstats">WebTransportConnectionStats</a>.
 * Members are null where the spec leaves them absent: the counters on a pooled connection (the
 * spec shows pooled sessions only the path estimates), and what the QUIC stack does not report
 * ({@code bytesSentOverhead}, {@code bytesAcknowledged}, {@code rttVariation}, {@code minRtt}:
 * quiche keeps the last two, but Netty does not pass them on; no value is made up).
 *
 * <p>Counters cover the whole QUIC connection since it started, not just this session.
 *
 * @param bytesSent         bytes sent in UDP payloads, retransmissions included; null on a pooled connection
 * @param bytesSentOverhead bytes of framing and headers on top of the application's; always null here
 * @param bytesAcknowledged bytes the peer acknowledged; always null here
 * @param packetsSent       packets sent, retransmissions included; null on a pooled connection
 * @param bytesLost         bytes in packets declared lost; null on a pooled connection
 * @param packetsLost       packets declared lost; null on a pooled connection
 * @param bytesReceived     bytes received in UDP payloads; null on a pooled connection
 * @param packetsReceived   packets received; null on a pooled connection
 * @param smoothedRtt       the path's smoothed round-trip time, in milliseconds, or null if unknown
 * @param rttVariation      the variation of the round-trip time; always null here
 * @param minRtt            the smallest round-trip time seen; always null here
 * @param datagrams         the session's datagram counters
 * @param estimatedSendRate quiche's delivery-rate estimate, in bits per second, or null if it has none yet
 * @param atSendCapacity    always false: the stack does not say when the congestion window is the limit
 */
public record WebTransportConnectionStats(Long bytesSent, Long bytesSentOverhead, Long bytesAcknowledged,
                                          Long packetsSent, Long bytesLost, Long packetsLost, Long bytesReceived,
                                          Long packetsReceived, Double smoothedRtt, Double rttVariation, Double minRtt,
                                          WebTransportDatagramStats datagrams, Long estimatedSendRate,
                                          boolean atSendCapacity) {
}
