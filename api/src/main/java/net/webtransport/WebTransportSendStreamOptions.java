package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportsendstreamoptions">WebTransportSendStreamOptions</a>.
 *
 * @param sendGroup          the stream's send group, or null for the transport's null group
 * @param sendOrder          the stream's place in the send order within its group, default 0
 * @param waitUntilAvailable whether to wait for the peer's stream credit (true) or fail with
 *                           {@link QuotaExceededError} when there is none now (false, the default)
 */
public record WebTransportSendStreamOptions(WebTransportSendGroup sendGroup, long sendOrder, boolean waitUntilAvailable) {
    /** No send group, send order 0, no waiting for stream credit. */
    public static final WebTransportSendStreamOptions DEFAULT = new WebTransportSendStreamOptions(null, 0, false);

    /**
     * These options with another send order.
     *
     * @param order the new send order
     * @return a copy with {@code sendOrder} replaced
     */
    public WebTransportSendStreamOptions withSendOrder(long order) {
        return new WebTransportSendStreamOptions(sendGroup, order, waitUntilAvailable);
    }

    /**
     * These options with another choice of waiting for stream credit.
     *
     * @param wait whether to wait for the peer's stream credit
     * @return a copy with {@code waitUntilAvailable} replaced
     */
    public WebTransportSendStreamOptions withWaitUntilAvailable(boolean wait) {
        return new WebTransportSendStreamOptions(sendGroup, sendOrder, wait);
    }

    /**
     * These options with another send group.
     *
     * @param group the new send group, or null for the null group
     * @return a copy with {@code sendGroup} replaced
     */
    public WebTransportSendStreamOptions withSendGroup(WebTransportSendGroup group) {
        return new WebTransportSendStreamOptions(group, sendOrder, waitUntilAvailable);
    }
}
