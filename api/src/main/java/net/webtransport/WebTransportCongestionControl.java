package net.webtransport;

/** <a href="https://w3c.github.io/webtransport/#enumdef-webtransportcongestioncontrol">WebTransportCongestionControl</a>. */
public enum WebTransportCongestionControl {
    DEFAULT("default"),
    THROUGHPUT("throughput"),
    LOW_LATENCY("low-latency");

    private final String idlValue;

    WebTransportCongestionControl(String idlValue) {
        this.idlValue = idlValue;
    }

    public String idlValue() {
        return idlValue;
    }
}
