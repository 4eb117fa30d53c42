package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportreceivestreamstats">WebTransportReceiveStreamStats</a>:
 * {@code bytesRead ≤ bytesReceived}.
 */
public record WebTransportReceiveStreamStats(long bytesReceived, long bytesRead) {
}
