package net.webtransport;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * <a href="https://w3c.github.io/webtransport/#web-transport-error-interface">WebTransportError</a>: a
 * DOMException named {@code "WebTransportError"} that says whether a stream or the whole session
 * failed and, for a stream, the application error code the peer gave (absent when it gave none the
 * API can show).
 */
public class WebTransportError extends DOMException {
    private static final long serialVersionUID = 1L;
    private final WebTransportErrorSource source;
    private final Long streamErrorCode;

    /** {@code new WebTransportError(message)}: source {@code "stream"}, no stream error code. */
    public WebTransportError(String message) {
        this(message, WebTransportErrorSource.STREAM, null);
    }

    /** {@code new WebTransportError(message, options)}. */
    public WebTransportError(String message, WebTransportErrorOptions options) {
        this(message, options.source(), options.streamErrorCode());
    }

    /**
     * @param streamErrorCode the stream's error code, or null; clamped to 0..2<sup>32</sup>-1 as
     *                        WebIDL's {@code [Clamp] unsigned long} is
     */
    public WebTransportError(String message, WebTransportErrorSource source, Long streamErrorCode) {
        super(message == null ? "" : message, "WebTransportError");
        this.source = Objects.requireNonNull(source, "source");
        this.streamErrorCode = streamErrorCode == null ? null : Math.max(0, Math.min(0xffffffffL, streamErrorCode));
    }

    /** A session-level error: the session failed or was closed by the server. */
    public static WebTransportError session(String message) {
        return new WebTransportError(message, WebTransportErrorSource.SESSION, null);
    }

    public WebTransportErrorSource source() {
        return source;
    }

    /** The stream error code, if the error carries one. */
    public OptionalLong streamErrorCode() {
        return streamErrorCode == null ? OptionalLong.empty() : OptionalLong.of(streamErrorCode);
    }
}
