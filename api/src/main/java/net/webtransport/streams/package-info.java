/**
 * A Java model of <a href="https://streams.spec.whatwg.org/">WHATWG Streams</a>, the shape the
 * W3C WebTransport API gives its streams: {@link net.webtransport.streams.ReadableStream} with a
 * default reader, {@link net.webtransport.streams.WritableStream} with a writer, queuing by a
 * high-water mark, backpressure through {@code desiredSize} and {@code ready}, locking, and
 * cancel/abort/error with reasons.
 *
 * <p>Threading: any method may be called from any thread. State changes happen under the stream's
 * own monitor; the underlying source or sink is called, and futures are completed, only after it is
 * released, futures on the stream's executor. A stream's completions run one at a time, in order;
 * code run in one may block on another future of the stream (the next read, {@code closed}) without
 * deadlocking: a completion still running after 20 ms while others wait no longer holds them up.
 */
package net.webtransport.streams;
