package net.webtransport;

import net.webtransport.spi.QuicStats;

/** Builds {@link WebTransportConnectionStats} from the provider's figures and the datagram counters (W3C §getStats). */
final class StatsReport {
    private StatsReport() {
    }

    /**
     * @param quic   the connection's figures, or null when none could be had
     * @param pooled whether the session may share its connection: then only path estimates are shown
     */
    static WebTransportConnectionStats of(QuicStats quic, WebTransportDatagramDuplexStream datagrams, boolean pooled) {
        WebTransportDatagramStats d = new WebTransportDatagramStats(datagrams.droppedIncoming(), datagrams.expiredIncoming(),
                datagrams.expiredOutgoing(), null);
        if (quic == null) {
            return new WebTransportConnectionStats(null, null, null, null, null, null, null, null, null, null, null, d, null, false);
        }
        Double rtt = quic.smoothedRttNanos() > 0 ? quic.smoothedRttNanos() / 1e6 : null;
        Long rate = quic.deliveryRate() > 0 ? quic.deliveryRate() * 8 : null; // bytes to bits per second
        if (pooled) {
            return new WebTransportConnectionStats(null, null, null, null, null, null, null, null, rtt, null, null, d, rate, false);
        }
        return new WebTransportConnectionStats(quic.bytesSent(), null, null, quic.packetsSent(), quic.bytesLost(),
                quic.packetsLost(), quic.bytesReceived(), quic.packetsReceived(), rtt, null, null, d, rate, false);
    }
}
