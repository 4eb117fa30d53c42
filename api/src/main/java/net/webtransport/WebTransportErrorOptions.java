package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransporterroroptions">WebTransportErrorOptions</a>:
 * what {@link WebTransportError#WebTransportError(String, WebTransportErrorOptions)} builds an error from.
 *
 * @param source          whether a stream or the session failed; default {@code "stream"}
 * @param streamErrorCode the stream's application error code, or null; clamped to 0..2<sup>32</sup>-1
 *                        as WebIDL's {@code [Clamp] unsigned long} is
 */
public record WebTransportErrorOptions(WebTransportErrorSource source, Long streamErrorCode) {
    /** Source {@code "stream"}, no code. */
    public static final WebTransportErrorOptions DEFAULT = new WebTransportErrorOptions(WebTransportErrorSource.STREAM, null);

    /**
     * Applies the defaults and the clamp: a null {@code source} becomes {@code "stream"}, and a
     * {@code streamErrorCode} outside 0..2<sup>32</sup>-1 is clamped to the nearest end.
     */
    public WebTransportErrorOptions {
        if (source == null) {
            source = WebTransportErrorSource.STREAM;
        }
        if (streamErrorCode != null) {
            streamErrorCode = Math.max(0, Math.min(0xffffffffL, streamErrorCode));
        }
    }
}
