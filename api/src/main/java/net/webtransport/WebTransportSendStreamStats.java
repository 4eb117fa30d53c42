package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportsendstreamstats">WebTransportSendStreamStats</a>:
 * {@code bytesWritten ≥ bytesSent}; {@code bytesAcknowledged} is null because the QUIC stack does
 * not report acknowledgements per stream.
 *
 * @param bytesWritten      bytes of the writes that completed so far
 * @param bytesSent         bytes handed to the network so far (retransmissions counted once)
 * @param bytesAcknowledged bytes the peer acknowledged; always null here
 */
public record WebTransportSendStreamStats(long bytesWritten, long bytesSent, Long bytesAcknowledged) {
}
