package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#enumdef-webtransportcongestioncontrol">WebTransportCongestionControl</a>:
 * the congestion-control profile an application would like. It is a hint; this implementation always
 * uses {@link #DEFAULT} (see {@link WebTransport#congestionControl()}).
 */
public enum WebTransportCongestionControl {
    /** {@code "default"}: whatever the stack uses normally. */
    DEFAULT("default"),
    /** {@code "throughput"}: favour bulk throughput. */
    THROUGHPUT("throughput"),
    /** {@code "low-latency"}: favour short queueing delays. */
    LOW_LATENCY("low-latency");

    private final String idlValue;

    WebTransportCongestionControl(String idlValue) {
        this.idlValue = idlValue;
    }

    /**
     * The WebIDL enum value, such as {@code "low-latency"}.
     *
     * @return the string the spec uses for this value
     */
    public String idlValue() {
        return idlValue;
    }
}
