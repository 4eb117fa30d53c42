package net.webtransport.internal.session;

import net.webtransport.internal.wire.Subprotocols;
import net.webtransport.transport.HttpFields;

/** The header sections of an extended CONNECT for WebTransport and of its answer (RFC 9220, draft-16 §3). */
final class ConnectMessages {
    /** The request field of draft-02 clients. */
    static final String DRAFT02_REQUEST = "sec-webtransport-http3-draft02";
    /** The response field draft-02 clients look for. */
    static final String DRAFT02_RESPONSE = "sec-webtransport-http3-draft";

    private ConnectMessages() {
    }

    /**
     * The extended CONNECT a client sends, with {@code :scheme https} and the caller's extra fields.
     *
     * @throws IllegalArgumentException if an extra field is a pseudo-header
     */
    static HttpFields request(String upgradeToken, String authority, String path, HttpFields extraFields) {
        HttpFields.Builder request = HttpFields.builder()
                .add(":method", "CONNECT")
                .add(":protocol", upgradeToken)
                .add(":scheme", "https")
                .add(":authority", authority)
                .add(":path", path);
        for (HttpFields.Field f : extraFields) {
            if (f.name().startsWith(":")) {
                throw new IllegalArgumentException("pseudo-header " + f.name() + " cannot be set by the caller");
            }
            request.add(f.name(), f.value());
        }
        return request.build();
    }

    /**
     * A response with {@code status} and the caller's fields, pseudo-headers among them dropped.
     * A client of the draft-02 dialect (Chromium) marks its request with
     * {@code sec-webtransport-http3-draft02: 1} and expects a successful answer to carry
     * {@code sec-webtransport-http3-draft: draft02}; it is added unless the caller set it.
     */
    static HttpFields response(int status, HttpFields fields, HttpFields request) {
        HttpFields.Builder b = HttpFields.builder().add(":status", Integer.toString(status));
        for (HttpFields.Field f : fields) {
            if (!f.name().startsWith(":")) {
                b.add(f.name(), f.value());
            }
        }
        if (status < 300 && request.contains(DRAFT02_REQUEST) && !fields.contains(DRAFT02_RESPONSE)) {
            b.add(DRAFT02_RESPONSE, "draft02");
        }
        return b.build();
    }

    /** The protocol a response chose among those its request offered, or "" (draft §3.3). */
    static String negotiatedProtocol(HttpFields request, HttpFields response) {
        return Subprotocols.negotiated(Subprotocols.parseOffer(request.getAll(Subprotocols.AVAILABLE_PROTOCOLS)),
                response.getAll(Subprotocols.PROTOCOL));
    }

    /**
     * The status a server answers a CONNECT it cannot take as a WebTransport session, or 0 if it can.
     * Requests for other methods or protocols get 405 Method Not Allowed, as draft-16 §3.2 asks for
     * resources that do not support WebTransport; a WebTransport CONNECT lacking a required
     * pseudo-header is malformed (RFC 9220 §3) and gets 400.
     */
    static int rejection(HttpFields request) {
        String protocol = request.get(":protocol");
        if (!"CONNECT".equals(request.get(":method"))
                || !("webtransport-h3".equals(protocol) || "webtransport".equals(protocol))) {
            return 405;
        }
        if (!"https".equals(request.get(":scheme")) || request.get(":authority") == null
                || request.get(":path") == null || request.get(":path").isEmpty()) {
            return 400;
        }
        return 0;
    }

    /** The three-digit status of a response, or 0 if it has none. */
    static int status(HttpFields response) {
        String status = response.get(":status");
        if (status == null || status.length() != 3) {
            return 0;
        }
        try {
            return Integer.parseInt(status);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
