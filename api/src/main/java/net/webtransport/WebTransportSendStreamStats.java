package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportsendstreamstats">WebTransportSendStreamStats</a>:
 * {@code bytesWritten ≥ bytesSent}; {@code bytesAcknowledged} is null because the QUIC stack does
 * not report acknowledgements per stream.
 */
public record WebTransportSendStreamStats(long bytesWritten, long bytesSent, Long bytesAcknowledged) {
}
