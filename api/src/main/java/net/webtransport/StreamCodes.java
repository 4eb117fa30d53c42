package net.webtransport;

/** How the W3C algorithms turn an abort or cancel reason into a stream error code (W3C §"abort", §"cancel"). */
final class StreamCodes {
    private StreamCodes() {
    }

    /** The reason's {@code streamErrorCode} if it is a WebTransportError that has one, else 0. */
    static long of(Object reason) {
        if (reason instanceof WebTransportError e && e.streamErrorCode().isPresent()) {
            return e.streamErrorCode().getAsLong();
        }
        return 0;
    }
}
