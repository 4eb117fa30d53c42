package net.webtransport.bench;

import net.webtransport.internal.netty.TransportSettings;

/**
 * The transport numbers both benchmark paths use: the library's defaults, so that the raw QUIC
 * baseline runs under the same conditions as WebTransport.
 */
final class Settings {
    private Settings() {
    }

    static final long CONNECTION_WINDOW = TransportSettings.DEFAULT.connectionWindow();
    static final long STREAM_WINDOW = TransportSettings.DEFAULT.streamWindow();
    static final int SOCKET_BUFFER = TransportSettings.DEFAULT.socketBufferBytes();
    static final int CHUNK = 64 << 10;
}
