package net.webtransport;

/** <a href="https://w3c.github.io/webtransport/#enumdef-webtransportreliabilitymode">WebTransportReliabilityMode</a>. */
public enum WebTransportReliabilityMode {
    PENDING("pending"),
    RELIABLE_ONLY("reliable-only"),
    SUPPORTS_UNRELIABLE("supports-unreliable");

    private final String idlValue;

    WebTransportReliabilityMode(String idlValue) {
        this.idlValue = idlValue;
    }

    public String idlValue() {
        return idlValue;
    }
}
