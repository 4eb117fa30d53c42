package net.webtransport.streams;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * How much a stream queues before it asks its producer to wait (WHATWG {@code QueuingStrategy}):
 * the high-water mark in units of {@code size}.
 *
 * @param <T>           the type of the chunks measured
 * @param highWaterMark how much may be queued (in units of {@code size}) before backpressure applies
 * @param size          the size of one chunk
 */
public record QueuingStrategy<T>(double highWaterMark, ToDoubleFunction<? super T> size) {

    /**
     * Checks the strategy.
     *
     * @throws net.webtransport.RangeError if the high-water mark is negative or NaN
     * @throws NullPointerException       if {@code size} is null
     */
    public QueuingStrategy {
        if (Double.isNaN(highWaterMark) || highWaterMark < 0) {
            throw new net.webtransport.RangeError("highWaterMark must be a non-negative number, not " + highWaterMark);
        }
        Objects.requireNonNull(size, "size");
    }

    /**
     * Counts chunks, each of size 1 (WHATWG {@code CountQueuingStrategy}).
     *
     * @param <T>           the type of the chunks
     * @param highWaterMark how many chunks may be queued before backpressure applies
     * @return the strategy
     * @throws net.webtransport.RangeError if the high-water mark is negative or NaN
     */
    public static <T> QueuingStrategy<T> count(double highWaterMark) {
        return new QueuingStrategy<>(highWaterMark, chunk -> 1);
    }

    /**
     * Counts bytes: a chunk's size is its length (WHATWG {@code ByteLengthQueuingStrategy}).
     *
     * @param highWaterMark how many bytes may be queued before backpressure applies
     * @return the strategy
     * @throws net.webtransport.RangeError if the high-water mark is negative or NaN
     */
    public static QueuingStrategy<byte[]> byteLength(double highWaterMark) {
        return new QueuingStrategy<>(highWaterMark, chunk -> chunk.length);
    }
}
