package net.webtransport.internal.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** Of the TLS key log only the exporter secret is kept, and only until the connection takes it. */
class ExporterSecretsTest {
    private static final String RANDOM = "46112e14d83077b8".repeat(4);

    @Test
    void onlyTheExporterSecretIsKeptAndOnlyUntilItIsTaken() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        ExporterSecrets log = ExporterSecrets.INSTANCE;
        log.logKey(engine, "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + RANDOM + " " + "11".repeat(32));
        log.logKey(engine, "SERVER_TRAFFIC_SECRET_0 " + RANDOM + " " + "22".repeat(32));
        assertNull(log.take(engine), "traffic secrets are not kept");
        log.logKey(engine, "EXPORTER_SECRET " + RANDOM + " " + "a5".repeat(32));
        assertArrayEquals(filled(32, (byte) 0xa5), log.take(engine));
        assertNull(log.take(engine), "taken once, then gone");
    }

    private static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, b);
        return out;
    }
}
