/**
 * The sans-IO session layer: {@link net.webtransport.internal.session.WtConnection} holds the
 * WebTransport state of one HTTP/3 connection and turns inputs (SETTINGS, headers, capsule bytes,
 * new streams, datagrams, GOAWAY, connection loss) into {@link net.webtransport.internal.session.Command}s
 * and {@link net.webtransport.internal.session.SessionEvent}s. It performs no I/O, reads no clock and
 * starts no thread, so it is tested with two instances wired together in memory. Single-threaded:
 * one caller at a time. It keeps the one record of every WebTransport stream ({@code StreamTable}:
 * the stream layer's send and receive sides, the send scheduler, the receive budget). Depends on
 * {@code internal.stream}, {@code internal.wire} and the value types of {@code net.webtransport.transport}.
 */
package net.webtransport.internal.session;
