package net.webtransport.server;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.webtransport.internal.wire.Subprotocols;
import net.webtransport.transport.HttpFields;

/**
 * A WebTransport extended CONNECT (RFC 9220, draft-ietf-webtrans-http3-16 §3.2) awaiting an answer.
 *
 * @param headers       every request field, pseudo-headers included
 * @param remoteAddress the client's address
 */
public record ConnectRequest(HttpFields headers, InetSocketAddress remoteAddress) {

    /** The {@code :path} pseudo-header: path and query, such as {@code /echo?x=1}. */
    public String path() {
        return headers.get(":path");
    }

    /** The path without the query. */
    public String pathWithoutQuery() {
        String p = path();
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    /** The query string without {@code ?}, or null. */
    public String query() {
        String p = path();
        int q = p.indexOf('?');
        return q < 0 ? null : p.substring(q + 1);
    }

    public String authority() {
        return headers.get(":authority");
    }

    /** The {@code :protocol} the client sent: {@code webtransport-h3} (draft-15 on) or {@code webtransport}. */
    public String protocol() {
        return headers.get(":protocol");
    }

    /** The {@code origin} header, which browsers always send, or null. */
    public String origin() {
        return headers.get("origin");
    }

    /**
     * The application protocols the client offered in {@code WT-Available-Protocols}, most
     * preferred first; empty if it offered none or the field is not a Structured Fields List of
     * Strings (draft-ietf-webtrans-http3 §3.3).
     */
    public List<String> offeredProtocols() {
        return Subprotocols.parseOffer(headers.getAll(Subprotocols.AVAILABLE_PROTOCOLS));
    }

    /** The client's most preferred offered protocol that {@code supported} contains, if any. */
    public Optional<String> preferredProtocol(Collection<String> supported) {
        return offeredProtocols().stream().filter(supported::contains).findFirst();
    }
}
