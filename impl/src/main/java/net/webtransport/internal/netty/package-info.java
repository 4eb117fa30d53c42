/**
 * Binds the session layer to Netty's HTTP/3 and QUIC codecs. {@code WtConnectionHandler} drives a
 * {@code WtConnection} from the connection's event loop; the stream handlers carry bytes; the
 * {@code NettyServer} and {@code NettyClient} set up sockets and pipelines. Netty gaps are worked
 * around here and only here: 62-bit reset codes ({@code io.netty.handler.codec.quic.WebTransportQuicAccess}),
 * FIN written through the write queue, WT_STREAM (0x41) streams taken from the HTTP/3 codec, and
 * a FIN that never travels alone (cloudflare/quiche#2525).
 *
 * <p>Threading: everything here runs on the connection's event loop except the public entry points,
 * which hop onto it; user code is always called on the executor, never on an event loop.
 */
package net.webtransport.internal.netty;
