package net.webtransport.internal.stream;

/**
 * The memory bounds of a connection's streams.
 *
 * @param sendHighWaterMark what one send side buffers before writes wait (the W3C high-water mark)
 * @param streamReceiveMark what one receive side holds for its reader before it stops reading from QUIC
 * @param receiveBudget     what all receive sides of one connection hold together (see {@link ReceiveBudget})
 */
public record StreamLimits(long sendHighWaterMark, long streamReceiveMark, long receiveBudget) {

    public static final StreamLimits DEFAULT = new StreamLimits(64 << 10, 4 << 20, 32L << 20);

    public StreamLimits {
        if (sendHighWaterMark < 1 || streamReceiveMark < 1 || receiveBudget < 1) {
            throw new IllegalArgumentException("stream limits must be positive");
        }
    }

    public StreamLimits withReceiveBudget(long bytes) {
        return new StreamLimits(sendHighWaterMark, Math.min(streamReceiveMark, bytes), bytes);
    }

    public StreamLimits withSendHighWaterMark(long bytes) {
        return new StreamLimits(bytes, streamReceiveMark, receiveBudget);
    }
}
