package net.webtransport;

import java.util.Arrays;
import java.util.Objects;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransporthash">WebTransportHash</a>: a
 * certificate hash the server's certificate may match instead of the Web PKI. Only {@code sha-256}
 * (compared without regard to ASCII case) is understood; hashes with other algorithms are ignored.
 * Only used with {@code allowPooling} false (see {@link WebTransportOptions}).
 *
 * @param algorithm the hash algorithm's name, such as {@code "sha-256"}
 * @param value     the hash of the certificate's DER encoding (copied in and out)
 */
public record WebTransportHash(String algorithm, byte[] value) {
    /**
     * Checks the members and copies {@code value}.
     *
     * @throws NullPointerException if {@code algorithm} or {@code value} is null
     */
    public WebTransportHash {
        Objects.requireNonNull(algorithm, "algorithm");
        value = Objects.requireNonNull(value, "value").clone();
    }

    /**
     * A SHA-256 hash of a certificate's DER encoding.
     *
     * @param value the 32-byte hash (copied)
     * @return a hash with algorithm {@code "sha-256"}
     * @throws NullPointerException if {@code value} is null
     */
    public static WebTransportHash sha256(byte[] value) {
        return new WebTransportHash("sha-256", value);
    }

    /**
     * The hash bytes.
     *
     * @return a copy of the hash bytes
     */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /**
     * Equal when the algorithm names are identical (case matters here) and the bytes are equal.
     *
     * @param o the object to compare with
     * @return whether {@code o} is an equal hash
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof WebTransportHash h && h.algorithm.equals(algorithm) && Arrays.equals(h.value, value);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(value);
    }

    /**
     * The algorithm name only; the hash bytes are left out.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "WebTransportHash[" + algorithm + "]";
    }
}
