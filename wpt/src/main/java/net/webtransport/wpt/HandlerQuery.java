package net.webtransport.wpt;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A handler URL's query, read the way upstream's handlers read it ({@code dict(parse_qsl(query))}):
 * pairs split on {@code &}, names and values URL-decoded ({@code +} is a space), pairs with a blank
 * value dropped, and the last value of a repeated name wins. {@link #raw()} keeps the undecoded text
 * for handlers that look at it whole.
 */
public final class HandlerQuery {
    private final String raw;
    private final Map<String, String> values;

    private HandlerQuery(String raw, Map<String, String> values) {
        this.raw = raw;
        this.values = values;
    }

    /** Parses {@code raw} (the part after {@code ?}, or null for none). */
    public static HandlerQuery parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue; // no value: blank, dropped
                }
                String value = decode(pair.substring(eq + 1));
                if (value.isEmpty()) {
                    continue;
                }
                String name = decode(pair.substring(0, eq));
                values.remove(name); // the last one wins, in its own position
                values.put(name, value);
            }
        }
        return new HandlerQuery(raw == null ? "" : raw, Collections.unmodifiableMap(values));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return s; // Python's unquote leaves a malformed escape as it is
        }
    }

    /** The value of {@code name}, or null. */
    public String get(String name) {
        return values.get(name);
    }

    /** The value of {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Every name and its (last) value, in the order the names last appeared. */
    public Map<String, String> values() {
        return values;
    }

    /** The query as it came, undecoded, or "" for none. */
    public String raw() {
        return raw;
    }
}
