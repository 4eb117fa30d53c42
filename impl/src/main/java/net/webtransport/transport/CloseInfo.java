package net.webtransport.transport;

import java.util.Objects;

/**
 * How a session ended.
 *
 * <p>A <em>clean</em> close carries the 32-bit application error code and the UTF-8 reason of a
 * WT_CLOSE_SESSION capsule (draft-ietf-webtrans-http3-16 §6), or code 0 and an empty reason when the
 * CONNECT stream was simply finished. An <em>abrupt</em> close means the CONNECT stream was reset or
 * the connection went away: {@code errorCode} is then the HTTP/3 or QUIC error code when one is known
 * ({@link #UNKNOWN_CODE} otherwise) and {@code reason} describes what happened.
 *
 * @param clean     whether the session was closed cleanly
 * @param errorCode the application error code (clean) or the transport-level code (abrupt)
 * @param reason    the peer's reason (clean) or a description (abrupt); never null
 * @param local     whether this endpoint initiated the close
 */
public record CloseInfo(boolean clean, long errorCode, String reason, boolean local) {

    /** The error code of an abrupt close whose cause carried no code. */
    public static final long UNKNOWN_CODE = -1;

    public CloseInfo {
        Objects.requireNonNull(reason, "reason");
    }

    public static CloseInfo clean(long applicationErrorCode, String reason, boolean local) {
        return new CloseInfo(true, applicationErrorCode, reason, local);
    }

    public static CloseInfo abrupt(long errorCode, String reason, boolean local) {
        return new CloseInfo(false, errorCode, reason, local);
    }
}
