/**
 * Binds the session and stream layers to Netty's HTTP/3 and QUIC codecs, as a thin pump.
 * {@code WtConnectionHandler} drives a {@code WtConnection} from the connection's event loop and
 * executes its commands; {@code StreamChannelHandler} passes what a WebTransport stream's channel
 * reports to its {@code NettyStream}, whose {@code StreamReader} and {@code StreamWriter} serve the
 * application from the stream layer's buffers; {@code SendPump} moves bytes to quiche in the stream
 * layer's send order, only as much as quiche takes at once; {@code StreamOpener} waits for stream
 * credit; {@code NettyServer} and {@code NettyClient} set up sockets and pipelines and the server-wide
 * limits. Netty and quiche gaps are worked around here and only here: 62-bit reset codes
 * ({@code io.netty.handler.codec.quic.WebTransportQuicAccess}, {@code StreamShutdown}), FIN written
 * through the write queue, WT_STREAM (0x41) streams taken from the HTTP/3 codec, a FIN that never
 * travels alone when it can be helped (cloudflare/quiche#2525), STOP_SENDING that Netty does not
 * report, and flushes Netty ignores inside its writability pass.
 *
 * <p>Threading: state here belongs to the connection's event loop; the public entry points hop onto
 * it (a read that finds nothing waits without a hop). Everything handed to the application goes
 * through {@code WtConnectionHandler.deliver} or a session's {@code SerialExecutor}: on the executor,
 * in a task of its own, never under a lock of this package. The one exception saves a round trip:
 * a write with room in its send buffer, or a read whose bytes the event loop took out ahead, made
 * on a thread of the default executor completes before the call returns, in the caller's own task
 * ({@code WtConnectionHandler.mayCompleteInLine}, at most 16 times per task).
 */
package net.webtransport.internal.netty;
