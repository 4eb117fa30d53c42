package net.webtransport;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The checks of the WebTransport constructor (W3C §"new WebTransport(url, options)") that need no network. */
final class ConstructorChecks {
    private ConstructorChecks() {
    }

    /** Request headers a page may not set (Fetch §"forbidden request-header"): dropped without a word. */
    private static final Set<String> FORBIDDEN = Set.of("accept-charset", "accept-encoding",
            "access-control-request-headers", "access-control-request-method", "connection", "content-length",
            "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie",
            "te", "trailer", "transfer-encoding", "upgrade", "via");

    /** Response headers the API never shows: the negotiated protocol has its own attribute, cookies are hidden. */
    private static final Set<String> HIDDEN_RESPONSE = Set.of("wt-protocol", "set-cookie", "set-cookie2");

    /**
     * Parses the URL as the constructor's first step does.
     *
     * @throws SyntaxError if it does not parse, is not {@code https}, has no host, a port past 65535, or a fragment
     */
    static URI url(String url) {
        if (url == null) {
            throw new SyntaxError("the URL is null");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new SyntaxError("the URL does not parse: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new SyntaxError("a WebTransport URL must use https, not " + uri.getScheme());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new SyntaxError("the URL has no host: " + url);
        }
        if (uri.getPort() > 65535) {
            throw new SyntaxError("the port is out of range: " + uri.getPort());
        }
        if (uri.getRawFragment() != null) {
            throw new SyntaxError("a WebTransport URL must not have a fragment: " + url);
        }
        return uri;
    }

    /**
     * The request headers to send: names must be tokens and values free of CR, LF and NUL
     * ({@link TypeError} otherwise, as the Headers constructor), {@code WT-Available-Protocols} is the
     * protocols option's ({@link TypeError}), and forbidden request headers are dropped.
     */
    static List<Map.Entry<String, String>> requestHeaders(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!isToken(name)) {
                throw new TypeError("not a header name: \"" + h.getKey() + "\"");
            }
            String value = h.getValue().strip();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                throw new TypeError("the value of " + name + " holds CR, LF or NUL");
            }
            if (name.equals("wt-available-protocols")) {
                throw new TypeError("wt-available-protocols is set through the protocols option");
            }
            if (FORBIDDEN.contains(name) || name.startsWith("proxy-") || name.startsWith("sec-")) {
                continue;
            }
            out.add(Map.entry(name, value));
        }
        return out;
    }

    /** The response headers a page sees: pseudo-headers, {@code wt-protocol} and cookies removed. */
    static Headers responseHeaders(List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> shown = new ArrayList<>();
        for (Map.Entry<String, String> f : fields) {
            String name = f.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(":") && !HIDDEN_RESPONSE.contains(name)) {
                shown.add(Map.entry(name, f.getValue()));
            }
        }
        return new Headers(shown);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The longest prefix of {@code reason} whose UTF-8 encoding fits in 1024 bytes, cut between characters. */
    static String truncateReason(String reason) {
        reason = usv(reason);
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        ByteBuffer out = ByteBuffer.allocate(1024);
        CharBuffer in = CharBuffer.wrap(reason);
        CoderResult result = encoder.encode(in, out, true);
        if (result.isUnderflow()) {
            return reason;
        }
        return reason.substring(0, in.position()); // the encoder stops before a character that does not fit
    }

    /** {@code s} as a WebIDL USVString: every lone surrogate replaced with U+FFFD. */
    static String usv(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.substring(0, i));
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
