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
    /** Whether a stream or the session failed; part of the serialized form. */
    private final WebTransportErrorSource source;
    /** The stream error code, or null; part of the serialized form. */
    private final Long streamErrorCode;

    /**
     * {@code new WebTransportError(message)}: source {@code "stream"}, no stream error code.
     *
     * @param message what went wrong; null is taken as ""
     */
    public WebTransportError(String message) {
        this(message, WebTransportErrorSource.STREAM, null);
    }

    /**
     * {@code new WebTransportError(message, options)}.
     *
     * @param message what went wrong; null is taken as ""
     * @param options the source and the stream error code
     * @throws NullPointerException if {@code options} is null
     */
    public WebTransportError(String message, WebTransportErrorOptions options) {
        this(message, options.source(), options.streamErrorCode());
    }

    /**
     * Creates an error with all its attributes.
     *
     * @param message         what went wrong; null is taken as ""
     * @param source          whether a stream or the whole session failed
     * @param streamErrorCode the stream's error code, or null; clamped to 0..2<sup>32</sup>-1 as
     *                        WebIDL's {@code [Clamp] unsigned long} is
     * @throws NullPointerException if {@code source} is null
     */
    public WebTransportError(String message, WebTransportErrorSource source, Long streamErrorCode) {
        super(message == null ? "" : message, "WebTransportError");
        this.source = Objects.requireNonNull(source, "source");
        this.streamErrorCode = streamErrorCode == null ? null : Math.max(0, Math.min(0xffffffffL, streamErrorCode));
    }

    /**
     * A session-level error: the session failed or was closed by the server.
     *
     * @param message what went wrong; null is taken as ""
     * @return an error with source {@code "session"} and no stream error code
     */
    public static WebTransportError session(String message) {
        return new WebTransportError(message, WebTransportErrorSource.SESSION, null);
    }

    /**
     * Whether a single stream or the whole session failed (W3C {@code source}).
     *
     * @return the source, never null
     */
    public WebTransportErrorSource source() {
        return source;
    }

    /**
     * The application error code the peer gave when it reset the stream or asked it to stop (W3C
     * {@code streamErrorCode}), or the one given at construction.
     *
     * @return the code, 0 to 2<sup>32</sup>-1, or empty if the error carries none
     */
    public OptionalLong streamErrorCode() {
        return streamErrorCode == null ? OptionalLong.empty() : OptionalLong.of(streamErrorCode);
    }
}
