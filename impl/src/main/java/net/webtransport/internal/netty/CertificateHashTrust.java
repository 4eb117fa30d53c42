package net.webtransport.internal.netty;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server by the SHA-256 of its leaf certificate instead of the Web PKI, as the W3C API's
 * {@code serverCertificateHashes} asks (W3C WebTransport, "custom certificate requirements"): the
 * hash must match one given, the certificate must be valid now and for at most 14 days in total,
 * and its key must be ECDSA P-256 (RSA is refused). The host name is not checked: the hash names
 * the certificate.
 */
final class CertificateHashTrust extends X509ExtendedTrustManager {
    static final Duration MAX_VALIDITY = Duration.ofDays(14);

    private final List<byte[]> hashes;

    /** @param sha256Hashes SHA-256 hashes of acceptable leaf certificates, 32 bytes each */
    CertificateHashTrust(List<byte[]> sha256Hashes) {
        this.hashes = sha256Hashes.stream().map(byte[]::clone).toList();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        X509Certificate leaf = chain[0];
        byte[] hash = sha256(leaf.getEncoded());
        if (hashes.stream().noneMatch(h -> Arrays.equals(h, hash))) {
            throw new CertificateException("the server certificate matches none of the serverCertificateHashes");
        }
        leaf.checkValidity();
        Duration validity = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        if (validity.compareTo(MAX_VALIDITY) > 0) {
            throw new CertificateException("a certificate pinned by hash may be valid for at most 14 days, this one for " + validity);
        }
        if (!(leaf.getPublicKey() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new CertificateException("a certificate pinned by hash must have an ECDSA P-256 key, not "
                    + leaf.getPublicKey().getAlgorithm());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not check client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
