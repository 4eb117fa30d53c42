package net.webtransport.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * WebTransport keying-material export (draft-ietf-webtrans-http3 §4.8): the TLS 1.3 exporter
 * (RFC 8446 §7.5) with the label {@code EXPORTER-WebTransport} and a context that binds the
 * output to one session. The input is the connection's exporter secret ({@code EXPORTER_SECRET}
 * in the NSS key log); HKDF is BouncyCastle's.
 */
public final class KeyingMaterialExporter {
    /** The TLS exporter label WebTransport uses. */
    public static final String LABEL = "EXPORTER-WebTransport";
    /** The longest application label or context: their lengths are one byte on the wire. */
    public static final int MAX_LABEL_OR_CONTEXT = 255;
    /** The longest output: HKDF-Expand gives at most 255 hash blocks, and SHA-256's are 32 bytes. */
    public static final int MAX_LENGTH = 255 * 32;

    private KeyingMaterialExporter() {
    }

    /**
     * {@code length} bytes for session {@code sessionId}, application label {@code label} and
     * application context {@code context}.
     *
     * @param exporterSecret the connection's exporter secret: 32 bytes for the SHA-256 cipher
     *                       suites, 48 for TLS_AES_256_GCM_SHA384
     * @throws IllegalArgumentException if the label or context is longer than 255 bytes, or
     *         {@code length} is not 1 to {@link #MAX_LENGTH}
     */
    public static byte[] export(byte[] exporterSecret, long sessionId, byte[] label, byte[] context, int length) {
        checkArguments(label, context, length);
        return tlsExporter(exporterSecret, LABEL, exporterContext(sessionId, label, context), length);
    }

    /**
     * @throws IllegalArgumentException if the label or context is longer than 255 bytes, or
     *         {@code length} is not 1 to {@link #MAX_LENGTH}
     */
    public static void checkArguments(byte[] label, byte[] context, int length) {
        if (label.length > MAX_LABEL_OR_CONTEXT) {
            throw new IllegalArgumentException("the label has " + label.length + " bytes; at most 255 are allowed");
        }
        if (context.length > MAX_LABEL_OR_CONTEXT) {
            throw new IllegalArgumentException("the context has " + context.length + " bytes; at most 255 are allowed");
        }
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("the length must be 1 to " + MAX_LENGTH + ", not " + length);
        }
    }

    /**
     * The WebTransport Exporter Context: the session id as a 64-bit integer, then the
     * application label and the application context, each after a one-byte length.
     */
    static byte[] exporterContext(long sessionId, byte[] label, byte[] context) {
        return ByteBuffer.allocate(8 + 1 + label.length + 1 + context.length)
                .putLong(sessionId)
                .put((byte) label.length).put(label)
                .put((byte) context.length).put(context)
                .array();
    }

    /**
     * TLS-Exporter(label, context, length) of RFC 8446 §7.5:
     * HKDF-Expand-Label(Derive-Secret(secret, label, ""), "exporter", Hash(context), length).
     */
    static byte[] tlsExporter(byte[] exporterSecret, String label, byte[] context, int length) {
        Digest hash = hashFor(exporterSecret);
        byte[] derived = hkdfExpandLabel(hash, exporterSecret, label, digest(hash, new byte[0]), hash.getDigestSize());
        return hkdfExpandLabel(hash, derived, "exporter", digest(hash, context), length);
    }

    /** HKDF-Expand-Label of RFC 8446 §7.1: HKDF-Expand with the label prefixed by "tls13 ". */
    static byte[] hkdfExpandLabel(Digest hash, byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = ByteBuffer.allocate(2 + 1 + fullLabel.length + 1 + context.length)
                .putShort((short) length)
                .put((byte) fullLabel.length).put(fullLabel)
                .put((byte) context.length).put(context)
                .array();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(newLike(hash));
        hkdf.init(HKDFParameters.skipExtractParameters(secret, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** TLS 1.3 exporter secrets are as long as the cipher suite's hash. */
    static Digest hashFor(byte[] secret) {
        return switch (secret.length) {
            case 32 -> new SHA256Digest();
            case 48 -> new SHA384Digest();
            default -> throw new IllegalArgumentException("an exporter secret has 32 or 48 bytes, not " + secret.length);
        };
    }

    private static Digest newLike(Digest hash) {
        return hash instanceof SHA384Digest ? new SHA384Digest() : new SHA256Digest();
    }

    private static byte[] digest(Digest hash, byte[] input) {
        Digest d = newLike(hash);
        d.update(input, 0, input.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }
}
