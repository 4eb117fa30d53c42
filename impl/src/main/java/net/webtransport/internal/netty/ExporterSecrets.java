package net.webtransport.internal.netty;

import io.netty.handler.codec.quic.BoringSSLKeylog;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;

/**
 * Netty's QUIC codec exposes no TLS exporter, but its key-log callback hands over each secret of
 * the handshake as an NSS key-log line. This keeps only the {@code EXPORTER_SECRET} of each
 * connection, until its {@link WtConnectionHandler} takes it; every other line is ignored.
 * Engines are held weakly, so a connection whose handler never takes its secret leaves nothing behind.
 */
final class ExporterSecrets implements BoringSSLKeylog {
    static final ExporterSecrets INSTANCE = new ExporterSecrets();
    private static final String PREFIX = "EXPORTER_SECRET ";

    private final Map<SSLEngine, byte[]> secrets = new WeakHashMap<>();

    private ExporterSecrets() {
    }

    @Override
    public void logKey(SSLEngine engine, String line) {
        if (!line.startsWith(PREFIX)) {
            return;
        }
        // "EXPORTER_SECRET <client random, hex> <secret, hex>"
        int secretStart = line.lastIndexOf(' ') + 1;
        if (secretStart <= PREFIX.length()) {
            return;
        }
        byte[] secret = HexFormat.of().parseHex(line, secretStart, line.length());
        synchronized (secrets) {
            secrets.put(engine, secret);
        }
    }

    /** The exporter secret of {@code engine}'s handshake, removed from here, or null if none was logged. */
    byte[] take(SSLEngine engine) {
        synchronized (secrets) {
            return secrets.remove(engine);
        }
    }
}
