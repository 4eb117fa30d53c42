package net.webtransport.streams;

/**
 * How an {@link UnderlyingSource} feeds its stream (WHATWG {@code ReadableStreamDefaultController}).
 *
 * @param <T> the type of the stream's chunks
 */
public interface ReadableStreamController<T> {

    /**
     * Adds a chunk: a waiting read gets it, or it joins the queue.
     *
     * @param chunk the chunk to deliver
     * @throws net.webtransport.TypeError if the stream is closing, closed or errored
     */
    void enqueue(T chunk);

    /**
     * Closes the stream once the queued chunks are read; reads then report {@code done}.
     *
     * @throws net.webtransport.TypeError if the stream is closing, closed or errored
     */
    void close();

    /**
     * Errors the stream: queued chunks are dropped and reads fail with {@code error}. Does nothing if
     * the stream is already closed or errored.
     *
     * @param error the reason reads fail with
     */
    void error(Throwable error);

    /**
     * How much more the stream wants queued: the high-water mark minus the size of what is queued.
     * Zero or below means the source should stop pushing for now.
     *
     * @return the desired size; null once errored, 0 once closed
     */
    Double desiredSize();
}
