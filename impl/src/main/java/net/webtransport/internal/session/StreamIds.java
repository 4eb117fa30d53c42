package net.webtransport.internal.session;

/** Facts encoded in the two low bits of a QUIC stream id (RFC 9000 §2.1). */
public final class StreamIds {
    private StreamIds() {
    }

    public static boolean isBidirectional(long streamId) {
        return (streamId & 0x2) == 0;
    }

    public static boolean isServerInitiated(long streamId) {
        return (streamId & 0x1) == 1;
    }

    /** Whether {@code role} opened the stream. */
    public static boolean isLocal(long streamId, Role role) {
        return isServerInitiated(streamId) == (role == Role.SERVER);
    }

    /** Whether {@code role} can send on the stream: any bidi stream, or a uni stream it opened. */
    public static boolean canSend(long streamId, Role role) {
        return isBidirectional(streamId) || isLocal(streamId, role);
    }

    /** Whether {@code role} can receive on the stream: any bidi stream, or a uni stream the peer opened. */
    public static boolean canReceive(long streamId, Role role) {
        return isBidirectional(streamId) || !isLocal(streamId, role);
    }
}
