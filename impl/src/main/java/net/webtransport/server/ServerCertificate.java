package net.webtransport.server;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The certificate chain and private key a server presents. */
public final class ServerCertificate {
    /** The longest validity a certificate pinned by hash may have (W3C WebTransport, serverCertificateHashes). */
    public static final Duration MAX_HASH_PINNED_VALIDITY = Duration.ofDays(14);

    private final PrivateKey key;
    private final X509Certificate[] chain;

    private ServerCertificate(PrivateKey key, X509Certificate[] chain) {
        if (chain.length == 0) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        this.key = Objects.requireNonNull(key, "key");
        this.chain = chain.clone();
    }

    /** A certificate chain (leaf first) and the leaf's private key. */
    public static ServerCertificate of(PrivateKey key, X509Certificate... chain) {
        return new ServerCertificate(key, chain);
    }

    /**
     * A fresh ECDSA P-256 certificate for {@code hosts} (DNS names or IP literals),
     * valid from one hour ago for {@code validity}. With a validity of at most 14 days it meets what
     * browsers require of a certificate pinned with {@code serverCertificateHashes}.
     */
    public static ServerCertificate selfSigned(Duration validity, String... hosts) {
        if (hosts.length == 0) {
            throw new IllegalArgumentException("at least one host name is needed");
        }
        Instant now = Instant.now();
        CertificateBuilder builder = new CertificateBuilder()
                .subject("CN=" + hosts[0])
                .ecp256()
                .notBefore(now.minus(Duration.ofHours(1)))
                .notAfter(now.minus(Duration.ofHours(1)).plus(validity))
                .setIsCertificateAuthority(false);
        for (String host : hosts) {
            if (isIpLiteral(host)) {
                builder.addSanIpAddress(host);
            } else {
                builder.addSanDnsName(host);
            }
        }
        try {
            // The test-PKI builder self-signs only CA certificates, so a throwaway CA signs a proper
            // end-entity certificate; the CA's key is discarded and only the leaf is presented.
            X509Bundle issuer = new CertificateBuilder()
                    .subject("CN=WebTransport ephemeral issuer")
                    .ecp256()
                    .notBefore(now.minus(Duration.ofHours(1)))
                    .notAfter(now.minus(Duration.ofHours(1)).plus(validity))
                    .setIsCertificateAuthority(true)
                    .buildSelfSigned();
            X509Bundle bundle = builder.buildIssuedBy(issuer);
            return new ServerCertificate(bundle.getKeyPair().getPrivate(), new X509Certificate[] {bundle.getCertificate()});
        } catch (Exception e) {
            throw new IllegalStateException("could not create a self-signed certificate", e);
        }
    }

    /** A fresh certificate for localhost, 127.0.0.1 and ::1, valid for 10 days; trust it by its leaf. */
    public static ServerCertificate selfSignedForLocalhost() {
        return selfSigned(Duration.ofDays(10), "localhost", "127.0.0.1", "::1");
    }

    public PrivateKey privateKey() {
        return key;
    }

    public X509Certificate[] chain() {
        return chain.clone();
    }

    public X509Certificate leaf() {
        return chain[0];
    }

    /** SHA-256 of the leaf certificate's DER encoding: the value of a {@code serverCertificateHashes} entry. */
    public byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
