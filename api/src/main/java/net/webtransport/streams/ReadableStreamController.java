package net.webtransport.streams;

/** How an {@link UnderlyingSource} feeds its stream (WHATWG {@code ReadableStreamDefaultController}). */
public interface ReadableStreamController<T> {

    /**
     * Adds a chunk: a waiting read gets it, or it joins the queue.
     *
     * @throws net.webtransport.TypeError if the stream is closing, closed or errored
     */
    void enqueue(T chunk);

    /** Closes the stream once the queued chunks are read. */
    void close();

    /** Errors the stream: queued chunks are dropped and reads fail with {@code error}. */
    void error(Throwable error);

    /** The high-water mark minus what is queued; null once errored, 0 once closed. */
    Double desiredSize();
}
