package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportsendoptions">WebTransportSendOptions</a>:
 * where a datagram writable stands in the send order
 * ({@link WebTransportDatagramDuplexStream#createWritable(WebTransportSendOptions)}).
 *
 * @param sendGroup the writable's send group, or null for the transport's null group
 * @param sendOrder its place in the send order within that group, default 0
 */
public record WebTransportSendOptions(WebTransportSendGroup sendGroup, long sendOrder) {
    /** No send group, send order 0. */
    public static final WebTransportSendOptions DEFAULT = new WebTransportSendOptions(null, 0);

    /**
     * These options with another send order.
     *
     * @param order the new send order
     * @return a copy with {@code sendOrder} replaced
     */
    public WebTransportSendOptions withSendOrder(long order) {
        return new WebTransportSendOptions(sendGroup, order);
    }

    /**
     * These options with another send group.
     *
     * @param group the new send group, or null for the null group
     * @return a copy with {@code sendGroup} replaced
     */
    public WebTransportSendOptions withSendGroup(WebTransportSendGroup group) {
        return new WebTransportSendOptions(group, sendOrder);
    }
}
