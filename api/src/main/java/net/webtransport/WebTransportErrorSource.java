package net.webtransport;

/** <a href="https://w3c.github.io/webtransport/#enumdef-webtransporterrorsource">WebTransportErrorSource</a>. */
public enum WebTransportErrorSource {
    STREAM("stream"),
    SESSION("session");

    private final String idlValue;

    WebTransportErrorSource(String idlValue) {
        this.idlValue = idlValue;
    }

    /** The WebIDL enum value, such as {@code "session"}. */
    public String idlValue() {
        return idlValue;
    }
}
