package net.webtransport.internal.session;

/**
 * The WebTransport-over-HTTP/3 draft generations a peer can announce in SETTINGS. Peers in the
 * field speak different ones (Chromium draft-02/07, Safari draft-13/14, webtransport-go draft-16),
 * so this endpoint sends all of them and accepts any.
 */
public enum Dialect {
    /** SETTINGS_ENABLE_WEBTRANSPORT (0x2b603742) = 1, drafts 00 to 06. */
    DRAFT_02("webtransport"),
    /** SETTINGS_WEBTRANSPORT_MAX_SESSIONS (0xc671706a) &gt; 0, drafts 07 to 12. */
    DRAFT_07("webtransport"),
    /** SETTINGS_WT_MAX_SESSIONS (0x14e9cd29) &gt; 0, drafts 13 and 14. */
    DRAFT_13("webtransport"),
    /** SETTINGS_WT_ENABLED (0x2c7cf000) = 1, drafts 15 and 16. */
    DRAFT_16("webtransport-h3");

    private final String upgradeToken;

    Dialect(String upgradeToken) {
        this.upgradeToken = upgradeToken;
    }

    /** The {@code :protocol} value a client of this dialect sends on the extended CONNECT. */
    public String upgradeToken() {
        return upgradeToken;
    }
}
