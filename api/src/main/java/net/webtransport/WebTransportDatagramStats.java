package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportdatagramstats">WebTransportDatagramStats</a>.
 * A member this implementation cannot know is null (absent in the dictionary).
 *
 * @param droppedIncoming incoming datagrams dropped because the queue was full
 * @param expiredIncoming incoming datagrams dropped for their age
 * @param expiredOutgoing outgoing datagrams dropped for their age
 * @param lostOutgoing    outgoing datagrams declared lost: null, since QUIC does not say which
 *                        packet carried which datagram through Netty
 */
public record WebTransportDatagramStats(Long droppedIncoming, Long expiredIncoming, Long expiredOutgoing, Long lostOutgoing) {
}
