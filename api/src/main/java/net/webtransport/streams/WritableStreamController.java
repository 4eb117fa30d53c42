package net.webtransport.streams;

/** How an {@link UnderlyingSink} reports on its stream (WHATWG {@code WritableStreamDefaultController}). */
public interface WritableStreamController {

    /** Errors the stream: queued writes fail with {@code error}, and so do later ones. */
    void error(Throwable error);
}
