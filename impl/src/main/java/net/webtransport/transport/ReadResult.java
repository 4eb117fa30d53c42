package net.webtransport.transport;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One chunk read from a {@link ReceiveStream}, like a WHATWG {@code {value, done}} pair.
 *
 * @param data bytes read (possibly empty when {@code fin} is set); owned by the caller
 * @param fin  whether the peer finished the stream after these bytes
 */
public record ReadResult(ByteBuffer data, boolean fin) {
    private static final ReadResult END = new ReadResult(ByteBuffer.allocate(0), true);

    public ReadResult {
        Objects.requireNonNull(data, "data");
    }

    /** The result of reading a stream that has no more data. */
    public static ReadResult end() {
        return new ReadResult(END.data.duplicate(), true);
    }
}
