package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportreceivestreamstats">WebTransportReceiveStreamStats</a>:
 * what has arrived on a receive stream and what the application has read of it, so
 * {@code bytesRead ≤ bytesReceived}.
 *
 * @param bytesReceived bytes that arrived in order (without gaps) so far
 * @param bytesRead     bytes the application has read so far
 */
public record WebTransportReceiveStreamStats(long bytesReceived, long bytesRead) {
}
