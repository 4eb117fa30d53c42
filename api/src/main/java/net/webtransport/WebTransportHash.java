package net.webtransport;

import java.util.Arrays;
import java.util.Objects;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransporthash">WebTransportHash</a>: a
 * certificate hash the server's certificate may match instead of the Web PKI. Only {@code sha-256}
 * (compared without regard to ASCII case) is understood; hashes with other algorithms are ignored.
 */
public record WebTransportHash(String algorithm, byte[] value) {
    public WebTransportHash {
        Objects.requireNonNull(algorithm, "algorithm");
        value = Objects.requireNonNull(value, "value").clone();
    }

    /** A SHA-256 hash of a certificate's DER encoding. */
    public static WebTransportHash sha256(byte[] value) {
        return new WebTransportHash("sha-256", value);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebTransportHash h && h.algorithm.equals(algorithm) && Arrays.equals(h.value, value);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "WebTransportHash[" + algorithm + "]";
    }
}
