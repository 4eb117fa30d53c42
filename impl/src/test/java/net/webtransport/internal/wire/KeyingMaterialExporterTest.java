package net.webtransport.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.Test;

/** The TLS 1.3 exporter (RFC 8446 §7.5) and the WebTransport exporter context (draft §4.8). */
class KeyingMaterialExporterTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    // RFC 8448 §3 (a simple 1-RTT handshake, TLS_AES_128_GCM_SHA256): the master secret, the
    // transcript hash up to the server Finished, and what HKDF-Expand-Label derives from them.
    private static final byte[] MASTER = hex("18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919");
    private static final byte[] TRANSCRIPT = hex("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13");

    @Test
    void hkdfExpandLabelDerivesRfc8448sExporterMasterSecret() {
        assertArrayEquals(hex("fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50"),
                KeyingMaterialExporter.hkdfExpandLabel(new SHA256Digest(), MASTER, "exp master", TRANSCRIPT, 32));
    }

    @Test
    void hkdfExpandLabelDerivesRfc8448sServerTrafficSecretKeyAndIv() {
        byte[] serverTraffic = KeyingMaterialExporter.hkdfExpandLabel(new SHA256Digest(), MASTER, "s ap traffic", TRANSCRIPT, 32);
        assertArrayEquals(hex("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643"), serverTraffic);
        assertArrayEquals(hex("9f02283b6c9c07efc26bb9f2ac92e356"),
                KeyingMaterialExporter.hkdfExpandLabel(new SHA256Digest(), serverTraffic, "key", new byte[0], 16));
        assertArrayEquals(hex("cf782b88dd83549aadf1e984"),
                KeyingMaterialExporter.hkdfExpandLabel(new SHA256Digest(), serverTraffic, "iv", new byte[0], 12));
    }

    // OpenSSL 3.0.19 on this machine type: `openssl s_client -tls1_3 -keymatexport EXPORTER-WebTransport
    // -keymatexportlen 40` against `openssl s_server -keylogfile`, whose EXPORTER_SECRET line gave the secret.
    // An exporter without a context is the exporter with an empty one in TLS 1.3.

    @Test
    void theTlsExporterMatchesOpenSslForASha256Suite() {
        byte[] secret = hex("871d40a30b46de9cee09f97d63f5d3090f52e3266ee5fc2329bda427bff3fa07");
        assertArrayEquals(hex("71D1AF23F69731B12C0E7EAFC928971C14E8575985392C487CA75DA03520076881C65BCA1C0D2AA8"),
                KeyingMaterialExporter.tlsExporter(secret, "EXPORTER-WebTransport", new byte[0], 40));
    }

    @Test
    void theTlsExporterMatchesOpenSslForASha384Suite() {
        byte[] secret = hex("d81f4d0e0f9e4c878c3a3b91f996067c770d017028aceed891a1703382290a6f813f8690243a67e0e00b82666d3b117d");
        assertArrayEquals(hex("9C25E7FD24F2C98A44F701E04C75AF278B58275BF08447A5D77CF4CB7C3E97269151C22FE5F51CB5"),
                KeyingMaterialExporter.tlsExporter(secret, "EXPORTER-WebTransport", new byte[0], 40));
    }

    @Test
    void theExporterContextIsTheSessionIdAs64BitsThenLengthPrefixedLabelAndContext() {
        assertArrayEquals(hex("0000000000000004" + "02" + "6162" + "03" + "010203"),
                KeyingMaterialExporter.exporterContext(4, "ab".getBytes(), new byte[] {1, 2, 3}));
        assertArrayEquals(hex("0000000000000000" + "00" + "00"),
                KeyingMaterialExporter.exporterContext(0, new byte[0], new byte[0]));
    }

    @Test
    void theOutputDependsOnSessionLabelAndContext() {
        byte[] secret = hex("871d40a30b46de9cee09f97d63f5d3090f52e3266ee5fc2329bda427bff3fa07");
        byte[] base = KeyingMaterialExporter.export(secret, 0, "a".getBytes(), new byte[0], 32);
        assertEquals(32, base.length);
        assertArrayEquals(base, KeyingMaterialExporter.export(secret, 0, "a".getBytes(), new byte[0], 32));
        assertFalse(Arrays.equals(base, KeyingMaterialExporter.export(secret, 4, "a".getBytes(), new byte[0], 32)));
        assertFalse(Arrays.equals(base, KeyingMaterialExporter.export(secret, 0, "b".getBytes(), new byte[0], 32)));
        assertFalse(Arrays.equals(base, KeyingMaterialExporter.export(secret, 0, "a".getBytes(), new byte[] {0}, 32)));
        // The label and context are length-prefixed, so moving a byte from one to the other changes the output.
        assertFalse(Arrays.equals(KeyingMaterialExporter.export(secret, 0, "ab".getBytes(), new byte[0], 32),
                KeyingMaterialExporter.export(secret, 0, "a".getBytes(), "b".getBytes(), 32)));
        // The length is part of HKDF-Expand-Label's input: a shorter output is no prefix of a longer one.
        assertFalse(Arrays.equals(base, Arrays.copyOf(KeyingMaterialExporter.export(secret, 0, "a".getBytes(), new byte[0], 64), 32)));
    }

    @Test
    void labelsAndContextsOver255BytesAndLengthsOutsideOneTo8160AreRefused() {
        byte[] secret = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> KeyingMaterialExporter.export(secret, 0, new byte[256], new byte[0], 32));
        assertThrows(IllegalArgumentException.class, () -> KeyingMaterialExporter.export(secret, 0, new byte[0], new byte[256], 32));
        assertThrows(IllegalArgumentException.class, () -> KeyingMaterialExporter.export(secret, 0, new byte[0], new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> KeyingMaterialExporter.export(secret, 0, new byte[0], new byte[0], 8161));
        assertEquals(8160, KeyingMaterialExporter.export(secret, 0, new byte[255], new byte[255], 8160).length);
        assertThrows(IllegalArgumentException.class, () -> KeyingMaterialExporter.export(new byte[20], 0, new byte[0], new byte[0], 32));
    }
}
