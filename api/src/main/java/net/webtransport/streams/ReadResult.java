package net.webtransport.streams;

/**
 * What a reader's read gives (WHATWG {@code ReadableStreamReadResult}): a chunk, or {@code done}
 * once the stream closed (the value is then null).
 */
public record ReadResult<T>(T value, boolean done) {
    static <T> ReadResult<T> end() {
        return new ReadResult<>(null, true);
    }
}
