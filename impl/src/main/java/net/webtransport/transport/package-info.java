/**
 * The transport-level view of WebTransport over HTTP/3 that the client and the server share:
 * {@link net.webtransport.transport.Session}, its streams and datagrams, and how sessions end.
 *
 * <p>Threading contract:
 * <ul>
 *   <li>Every future returned here completes, and every handler callback runs, on the executor given
 *       to the client or server builder (or its default pool), never on a network event loop and never
 *       while a lock of this library is held. Failures found before any I/O complete there too.</li>
 *   <li>Handler callbacks of one session run one at a time, in the order the events happened.</li>
 *   <li>A completion or callback may block on another future of this library (for example
 *       {@code stream.read().get()} inside a read's completion, or {@code session.closed().get()}
 *       inside a session callback) without deadlocking, as long as the executor has a free thread:
 *       nothing completes in line behind the blocked task, nor in a session's callback queue, nor
 *       in a batch of completions run by one task. (One exception: a client's {@code onOpen} must not wait
 *       for its own {@code connect()} future, which completes once {@code onOpen} returned.)</li>
 *   <li>If the executor refuses a task, the refusal is logged at WARNING and what the task would have
 *       handed over is released; it is never run on a network thread instead.</li>
 *   <li>Methods may be called from any thread.</li>
 * </ul>
 * Null arguments cause a {@link java.lang.NullPointerException} unless a method says otherwise.
 */
package net.webtransport.transport;
