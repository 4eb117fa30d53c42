package net.webtransport.internal.session;

import java.util.Map;
import net.webtransport.internal.wire.SettingIds;

/**
 * The initial WebTransport flow-control limits one endpoint grants the other for every session
 * (draft-ietf-webtrans-http3 §5.5: SETTINGS_WT_INITIAL_MAX_DATA, _MAX_STREAMS_BIDI, _MAX_STREAMS_UNI).
 *
 * @param maxData        stream-body bytes the peer may send on all streams of a session before more credit
 * @param maxStreamsBidi bidirectional streams the peer may open in a session before more credit
 * @param maxStreamsUni  unidirectional streams the peer may open in a session before more credit
 */
public record FlowControlSettings(long maxData, long maxStreamsBidi, long maxStreamsUni) {
    /** What an endpoint that sends none of the settings grants: nothing, and flow control stays off. */
    public static final FlowControlSettings NONE = new FlowControlSettings(0, 0, 0);

    public FlowControlSettings {
        if (maxData < 0 || maxStreamsBidi < 0 || maxStreamsUni < 0
                || maxStreamsBidi > (1L << 60) || maxStreamsUni > (1L << 60)) {
            throw new IllegalArgumentException("invalid flow-control limits");
        }
    }

    /** The limits a SETTINGS frame grants (absent settings are 0). */
    static FlowControlSettings of(Map<Long, Long> settings) {
        return new FlowControlSettings(settings.getOrDefault(SettingIds.WT_INITIAL_MAX_DATA, 0L),
                Math.min(1L << 60, settings.getOrDefault(SettingIds.WT_INITIAL_MAX_STREAMS_BIDI, 0L)),
                Math.min(1L << 60, settings.getOrDefault(SettingIds.WT_INITIAL_MAX_STREAMS_UNI, 0L)));
    }

    /** Whether sending these turns flow control on (draft §5.1: at least one non-zero setting, from both endpoints). */
    public boolean enables() {
        return maxData > 0 || maxStreamsBidi > 0 || maxStreamsUni > 0;
    }
}
