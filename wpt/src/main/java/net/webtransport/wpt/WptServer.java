package net.webtransport.wpt;

import java.io.IOException;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import net.webtransport.server.ServerCertificate;
import net.webtransport.server.WebTransportServer;

/**
 * The WPT WebTransport server: upstream's handlers behind one UDP port, with a fresh ECDSA P-256
 * certificate valid for at most 14 days, so browsers accept it pinned by hash.
 */
public final class WptServer implements AutoCloseable {
    /** Browsers accept a certificate pinned with serverCertificateHashes for at most this long. */
    public static final int MAX_CERT_DAYS = 14;

    private final WebTransportServer server;
    private final ServerCertificate certificate;
    private final Stash stash;

    private WptServer(WebTransportServer server, ServerCertificate certificate, Stash stash) {
        this.server = server;
        this.certificate = certificate;
        this.stash = stash;
    }

    /**
     * Starts serving {@code handlers}.
     *
     * @param port     the UDP port, or 0 for any free one
     * @param host     the address to listen on, or null for 127.0.0.1 and ::1
     * @param certDays how long the certificate is valid, 1 to 14 days
     */
    public static WptServer start(int port, InetAddress host, int certDays, Map<String, WptHandler> handlers)
            throws IOException {
        if (certDays < 1 || certDays > MAX_CERT_DAYS) {
            throw new IllegalArgumentException("the certificate may be valid for 1 to 14 days, not " + certDays);
        }
        ServerCertificate certificate = ServerCertificate.selfSigned(Duration.ofDays(certDays),
                "localhost", "127.0.0.1", "::1", "web-platform.test");
        Stash stash = new Stash();
        WebTransportServer.Builder builder = WebTransportServer.builder().certificate(certificate).port(port)
                .handler(new HandlerRouter(handlers, stash));
        if (host != null) {
            builder.bind(host);
        }
        return new WptServer(builder.start(), certificate, stash);
    }

    /** Starts every handler on {@code port} (0: any) on the loopback addresses, the certificate valid for 10 days. */
    public static WptServer start(int port) throws IOException {
        return start(port, null, 10, Handlers.all());
    }

    public int port() {
        return server.port();
    }

    public ServerCertificate certificate() {
        return certificate;
    }

    public Stash stash() {
        return stash;
    }

    /** SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's --ignore-certificate-errors-spki-list takes. */
    public byte[] spkiSha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.leaf().getPublicKey().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
