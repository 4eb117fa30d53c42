package net.webtransport.internal.netty;

import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.WebTransportQuicAccess;

/**
 * RESET_STREAM and STOP_SENDING with a 62-bit HTTP/3 code, for CONNECT and WebTransport streams
 * alike: quiche gets the real code through {@link WebTransportQuicAccess}, then Netty's own
 * shutdown (whose {@code int} code quiche ignores for a direction already shut) brings the channel's
 * state along. Event loop only; does nothing on a closed channel.
 */
final class StreamShutdown {
    private StreamShutdown() {
    }

    static void reset(QuicStreamChannel channel, long http3Code) {
        if (channel.isActive()) {
            WebTransportQuicAccess.shutdown(channel, false, true, http3Code);
            channel.shutdownOutput(0);
        }
    }

    static void stopSending(QuicStreamChannel channel, long http3Code) {
        if (channel.isActive()) {
            WebTransportQuicAccess.shutdown(channel, true, false, http3Code);
            channel.shutdownInput(0);
        }
    }
}
