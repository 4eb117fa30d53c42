package net.webtransport.internal.session;

import net.webtransport.transport.HttpFields;

/** The header sections of an extended CONNECT for WebTransport and of its answer (RFC 9220, draft-16 §3). */
final class ConnectMessages {
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

    /** A response with {@code status} and the caller's fields, pseudo-headers among them dropped. */
    static HttpFields response(int status, HttpFields fields) {
        HttpFields.Builder b = HttpFields.builder().add(":status", Integer.toString(status));
        for (HttpFields.Field f : fields) {
            if (!f.name().startsWith(":")) {
                b.add(f.name(), f.value());
            }
        }
        return b.build();
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
