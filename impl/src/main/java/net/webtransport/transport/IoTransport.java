package net.webtransport.transport;

/**
 * The socket layer under an endpoint's QUIC connections (Netty's transports).
 *
 * @see EndpointBuilder#ioTransport(IoTransport)
 */
public enum IoTransport {
    /**
     * {@link #EPOLL} where Netty's native epoll library loads (Linux x86_64), otherwise {@link #NIO}
     * with one log line saying why. The default.
     */
    AUTO,
    /**
     * Netty's native epoll transport: UDP generic segmentation offload where the kernel has it (one
     * system call sends a batch of QUIC packets; receive offload is left off, as it cost the server
     * more than it saved with several connections), and several sockets on one port ({@code SO_REUSEPORT}) so a server can spread its connections over event loops.
     * Starting an endpoint with it fails where the native library does not load.
     */
    EPOLL,
    /**
     * The JDK's NIO datagram channels: portable, one packet per system call, and one socket (so
     * one event loop) per server address.
     */
    NIO
}
