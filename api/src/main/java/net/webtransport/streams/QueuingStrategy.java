package net.webtransport.streams;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * How much a stream queues before it asks its producer to wait (WHATWG {@code QueuingStrategy}):
 * the high-water mark in units of {@code size}.
 */
public record QueuingStrategy<T>(double highWaterMark, ToDoubleFunction<? super T> size) {

    /** @throws net.webtransport.RangeError if the high-water mark is negative or NaN */
    public QueuingStrategy {
        if (Double.isNaN(highWaterMark) || highWaterMark < 0) {
            throw new net.webtransport.RangeError("highWaterMark must be a non-negative number, not " + highWaterMark);
        }
        Objects.requireNonNull(size, "size");
    }

    /** Counts chunks (WHATWG {@code CountQueuingStrategy}). */
    public static <T> QueuingStrategy<T> count(double highWaterMark) {
        return new QueuingStrategy<>(highWaterMark, chunk -> 1);
    }

    /** Counts bytes (WHATWG {@code ByteLengthQueuingStrategy}). */
    public static QueuingStrategy<byte[]> byteLength(double highWaterMark) {
        return new QueuingStrategy<>(highWaterMark, chunk -> chunk.length);
    }
}
