package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code wpt-runner serve} prints and writes. */
class WptRunnerTest {

    @Test
    void servePrintsThePortAndTheCertificateAndSpkiHashesOnLinesOfTheirOwn() throws Exception {
        try (WptServer server = WptServer.start(0)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            WptRunner.describe(server, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals("port " + server.port(), lines[0]);
            byte[] hash = server.certificate().sha256();
            assertEquals("cert-sha256-hex " + HexFormat.of().formatHex(hash), lines[1]);
            assertEquals("cert-sha256-base64 " + Base64.getEncoder().encodeToString(hash), lines[2]);
            byte[] spki = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(server.certificate().leaf().getPublicKey().getEncoded());
            assertEquals("spki-sha256-base64 " + Base64.getEncoder().encodeToString(spki), lines[3]);
        }
    }

    @Test
    void theCertificateIsEcdsaP256AndValidForAtMostTheDaysAsked(@TempDir Path dir) throws Exception {
        try (WptServer server = WptServer.start(0, null, 14, Handlers.all())) {
            Path pem = dir.resolve("cert.pem");
            WptRunner.writePem(server, pem);
            X509Certificate cert;
            try (var in = Files.newInputStream(pem)) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            assertEquals(server.certificate().leaf(), cert, "the PEM file holds the served certificate");
            assertEquals("EC", cert.getPublicKey().getAlgorithm());
            Duration validity = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
            assertTrue(validity.compareTo(Duration.ofDays(14)) <= 0, "valid for " + validity);
            assertTrue(cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(13))));
        }
    }

    @Test
    void theCommandLineIsCheckedBeforeAnythingStarts() {
        assertEquals(4433, WptRunner.Options.parse(new String[] {"serve", "--port", "4433"}).port());
        assertThrows(IllegalArgumentException.class, () -> WptRunner.Options.parse(new String[] {"serve", "--cert-days", "15"}));
        assertThrows(IllegalArgumentException.class, () -> WptRunner.Options.parse(new String[] {"serve", "--port", "x"}));
        assertThrows(IllegalArgumentException.class, () -> WptRunner.Options.parse(new String[] {"serve", "--bogus", "1"}));
        assertThrows(IllegalArgumentException.class, () -> WptRunner.Options.parse(new String[] {"serve", "--port"}));
    }
}
