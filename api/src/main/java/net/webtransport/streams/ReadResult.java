package net.webtransport.streams;

/**
 * What a reader's read gives (WHATWG {@code ReadableStreamReadResult}): a chunk, or {@code done}
 * once the stream closed (the value is then null).
 *
 * @param <T>   the type of the stream's chunks
 * @param value the chunk read, or null when {@code done}
 * @param done  true once the stream has closed and no more chunks will come
 */
public record ReadResult<T>(T value, boolean done) {
    static <T> ReadResult<T> end() {
        return new ReadResult<>(null, true);
    }
}
