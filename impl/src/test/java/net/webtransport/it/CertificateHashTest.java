package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerCertificate;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/**
 * Trust by certificate hash (the W3C API's {@code serverCertificateHashes}): a client with no trust
 * of its own reaches a server whose leaf certificate's SHA-256 it was given, if that certificate is
 * valid now for at most 14 days and has an ECDSA P-256 key.
 */
class CertificateHashTest {

    static Session connectPinned(ServerCertificate certificate, byte[] hash) throws Exception {
        try (WebTransportServer server = WebTransportServer.builder().certificate(certificate)
                .handler(r -> ConnectResponse.accept(new SessionHandler() { })).start();
             WebTransportClient client = WebTransportClient.builder().build()) { // the JDK's trust store only
            return client.connect(URI.create("https://localhost:" + server.port() + "/"),
                    ConnectOptions.DEFAULT.withServerCertificateHashes(List.of(hash)), new SessionHandler() { })
                    .get(10, TimeUnit.SECONDS);
        }
    }

    static byte[] sha256(ServerCertificate c) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(c.leaf().getEncoded());
    }

    static ServerCertificate issued(CertificateBuilder leaf) throws Exception {
        Instant now = Instant.now();
        X509Bundle issuer = new CertificateBuilder().subject("CN=test issuer").ecp256()
                .notBefore(now.minus(Duration.ofHours(1))).notAfter(now.plus(Duration.ofDays(30)))
                .setIsCertificateAuthority(true).buildSelfSigned();
        X509Bundle b = leaf.subject("CN=localhost").addSanDnsName("localhost").buildIssuedBy(issuer);
        return ServerCertificate.of(b.getKeyPair().getPrivate(), b.getCertificate());
    }

    @Test
    void aMatchingHashIsTrustedWithoutAnyOtherTrust() throws Exception {
        ServerCertificate c = ServerCertificate.selfSignedForLocalhost();
        assertTrue(connectPinned(c, sha256(c)) != null);
    }

    @Test
    void withoutAMatchingHashTheServerIsNotTrusted() throws Exception {
        ServerCertificate c = ServerCertificate.selfSignedForLocalhost();
        byte[] wrong = sha256(c);
        wrong[0] ^= 1;
        assertThrows(ExecutionException.class, () -> connectPinned(c, wrong));
    }

    @Test
    void aCertificateValidForMoreThan14DaysIsRefusedEvenWithItsHash() throws Exception {
        ServerCertificate c = ServerCertificate.selfSigned(Duration.ofDays(15), "localhost");
        assertThrows(ExecutionException.class, () -> connectPinned(c, sha256(c)));
    }

    @Test
    void anRsaCertificateIsRefusedEvenWithItsHash() throws Exception {
        Instant now = Instant.now();
        ServerCertificate rsa = issued(new CertificateBuilder().rsa2048()
                .notBefore(now.minus(Duration.ofHours(1))).notAfter(now.plus(Duration.ofDays(5))));
        assertThrows(ExecutionException.class, () -> connectPinned(rsa, sha256(rsa)));
    }

    @Test
    void hashesNeedADedicatedConnectionAnd32Bytes() {
        assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.DEFAULT.withPooling(true).withServerCertificateHashes(List.of(new byte[32])));
        assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.DEFAULT.withServerCertificateHashes(List.of(new byte[20])));
    }
}
