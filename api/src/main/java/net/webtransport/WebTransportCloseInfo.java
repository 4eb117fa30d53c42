package net.webtransport;

import java.util.Objects;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportcloseinfo">WebTransportCloseInfo</a>:
 * an application close code and a reason.
 *
 * @param closeCode 0 to 2<sup>32</sup>-1 (WebIDL {@code unsigned long}), default 0
 * @param reason    default ""; a reason longer than 1024 UTF-8 bytes is cut on a character boundary when sent
 */
public record WebTransportCloseInfo(long closeCode, String reason) {
    /** The defaults: code 0, reason "". */
    public static final WebTransportCloseInfo DEFAULT = new WebTransportCloseInfo(0, "");

    /**
     * Checks the close information.
     *
     * @throws RangeError           if the code is not an {@code unsigned long}
     * @throws NullPointerException if {@code reason} is null
     */
    public WebTransportCloseInfo {
        if (closeCode < 0 || closeCode > 0xffffffffL) {
            throw new RangeError("closeCode must be 0 to 4294967295, not " + closeCode);
        }
        Objects.requireNonNull(reason, "reason");
    }
}
