package net.webtransport.streams;

/** How an {@link UnderlyingSink} reports on its stream (WHATWG {@code WritableStreamDefaultController}). */
public interface WritableStreamController {

    /**
     * Errors the stream: queued writes fail with {@code error}, and so do later ones. Does nothing if
     * the stream is no longer writable (already erroring, errored or closed).
     *
     * @param error the reason the stream fails with
     */
    void error(Throwable error);
}
