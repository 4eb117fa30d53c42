package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#enumdef-webtransportreliabilitymode">WebTransportReliabilityMode</a>:
 * whether a session can carry unreliable datagrams, as {@link WebTransport#reliability()} reports it.
 */
public enum WebTransportReliabilityMode {
    /** {@code "pending"}: not known yet, while the session is being established. */
    PENDING("pending"),
    /** {@code "reliable-only"}: streams only (WebTransport over HTTP/2); never reported by this implementation. */
    RELIABLE_ONLY("reliable-only"),
    /** {@code "supports-unreliable"}: datagrams are available too (WebTransport over HTTP/3). */
    SUPPORTS_UNRELIABLE("supports-unreliable");

    private final String idlValue;

    WebTransportReliabilityMode(String idlValue) {
        this.idlValue = idlValue;
    }

    /**
     * The WebIDL enum value, such as {@code "supports-unreliable"}.
     *
     * @return the string the spec uses for this value
     */
    public String idlValue() {
        return idlValue;
    }
}
