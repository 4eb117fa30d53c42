/**
 * The sans-IO state of WebTransport streams: what each send side holds and may send
 * ({@link net.webtransport.internal.stream.SendSide}), what each receive side holds for its reader
 * ({@link net.webtransport.internal.stream.ReceiveSide}) under the connection's
 * {@link net.webtransport.internal.stream.ReceiveBudget}, and which stream sends next
 * ({@link net.webtransport.internal.stream.SendScheduler}). No I/O, no clock, no threads: the
 * connection's thread drives it, and unit tests drive it directly. Depends on nothing else in the
 * project.
 */
package net.webtransport.internal.stream;
