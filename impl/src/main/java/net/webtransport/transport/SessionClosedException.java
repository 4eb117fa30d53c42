package net.webtransport.transport;

/** The operation failed because its session is closed; {@link #closeInfo()} says how it ended. */
public final class SessionClosedException extends WebTransportException {
    private final transient CloseInfo closeInfo;

    public SessionClosedException(CloseInfo closeInfo) {
        super(describe(closeInfo));
        this.closeInfo = closeInfo;
    }

    public CloseInfo closeInfo() {
        return closeInfo;
    }

    private static String describe(CloseInfo info) {
        String how = info.clean() ? "closed" : "aborted";
        String who = info.local() ? "locally" : "by the peer";
        String code = info.errorCode() == CloseInfo.UNKNOWN_CODE ? "" : " (code 0x" + Long.toHexString(info.errorCode()) + ")";
        String reason = info.reason().isEmpty() ? "" : ": " + info.reason();
        return "session " + how + " " + who + code + reason;
    }
}
