package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#enumdef-webtransporterrorsource">WebTransportErrorSource</a>:
 * what a {@link WebTransportError} concerns.
 */
public enum WebTransportErrorSource {
    /** {@code "stream"}: one stream failed (the peer reset it or asked it to stop); the session lives on. */
    STREAM("stream"),
    /** {@code "session"}: the whole session failed, or could not be established. */
    SESSION("session");

    private final String idlValue;

    WebTransportErrorSource(String idlValue) {
        this.idlValue = idlValue;
    }

    /**
     * The WebIDL enum value, such as {@code "session"}.
     *
     * @return the string the spec uses for this value
     */
    public String idlValue() {
        return idlValue;
    }
}
