package net.webtransport.spi;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A session the {@link net.webtransport.WebTransport} constructor asks for, already validated.
 *
 * @param url               an {@code https} URL without fragment
 * @param dedicated         whether the session needs a connection of its own ({@code allowPooling} false)
 * @param headers           request headers to send, forbidden ones already removed
 * @param protocols         application protocols to offer, checked with {@link WebTransportProvider#checkProtocols}
 * @param certificateHashes SHA-256 hashes of acceptable server certificates; empty for the usual trust
 * @param maxIncomingUnidirectionalStreams hint for how many incoming unidirectional streams to allow at once, or null
 * @param maxIncomingBidirectionalStreams  the same for bidirectional streams, or null
 */
public record SessionRequest(URI url, boolean dedicated, List<Map.Entry<String, String>> headers, List<String> protocols,
                             List<byte[]> certificateHashes, Integer maxIncomingUnidirectionalStreams,
                             Integer maxIncomingBidirectionalStreams) {
    /**
     * Copies the lists (and the hashes in them), so later changes by the caller have no effect.
     *
     * @throws NullPointerException if {@code headers}, {@code protocols} or {@code certificateHashes}
     *                              is null or holds null
     */
    public SessionRequest {
        headers = List.copyOf(headers);
        protocols = List.copyOf(protocols);
        certificateHashes = certificateHashes.stream().map(byte[]::clone).toList();
    }
}
