package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportsendstreamoptions">WebTransportSendStreamOptions</a>
 * (send groups arrive with their part of the API).
 *
 * @param sendOrder          the stream's place in the send order, default 0
 * @param waitUntilAvailable whether to wait for the peer's stream credit; this implementation always
 *                           waits, so {@code false} is treated as {@code true}
 */
public record WebTransportSendStreamOptions(long sendOrder, boolean waitUntilAvailable) {
    public static final WebTransportSendStreamOptions DEFAULT = new WebTransportSendStreamOptions(0, false);
}
