/**
 * The transport-level view of WebTransport over HTTP/3 that the client and the server share:
 * {@link net.webtransport.transport.Session}, its streams and datagrams, and how sessions end.
 *
 * <p>Threading: user code never runs on a network thread. Futures complete and handler callbacks
 * run on the executor given to the client or server builder, one at a time per session.
 * Null arguments cause a {@link java.lang.NullPointerException} unless a method says otherwise.
 */
package net.webtransport.transport;
