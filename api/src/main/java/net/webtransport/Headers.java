package net.webtransport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable <a href="https://fetch.spec.whatwg.org/#headers-class">Headers</a> object, as
 * {@link WebTransport#responseHeaders()} returns: names are lowercase, {@link #get} joins the values
 * of a name with {@code ", "}, and iteration gives each name once, sorted, as the Fetch spec's
 * "sort and combine" does.
 */
public final class Headers {
    private final List<Map.Entry<String, String>> list;

    /**
     * Creates the headers from a list of fields, which is copied.
     *
     * @param fields name/value pairs in the order they came; names are lowercased
     * @throws NullPointerException if the list, a field, or a field's name or value is null
     */
    public Headers(List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> copy = new ArrayList<>();
        for (Map.Entry<String, String> f : fields) {
            copy.add(Map.entry(f.getKey().toLowerCase(Locale.ROOT), f.getValue()));
        }
        this.list = Collections.unmodifiableList(copy);
    }

    /**
     * The combined value of a header (Fetch {@code get}).
     *
     * @param name the header name, in any case
     * @return the values of {@code name} joined with ", " in the order they came, or null if there are none
     */
    public String get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        StringBuilder out = null;
        for (Map.Entry<String, String> f : list) {
            if (f.getKey().equals(key)) {
                out = out == null ? new StringBuilder(f.getValue()) : out.append(", ").append(f.getValue());
            }
        }
        return out == null ? null : out.toString();
    }

    /**
     * Whether a header is present (Fetch {@code has}).
     *
     * @param name the header name, in any case
     * @return true if at least one field has this name
     */
    public boolean has(String name) {
        return get(name) != null;
    }

    /**
     * Each name once (lowercase, sorted) with its combined value, as iterating a Fetch {@code Headers} gives.
     *
     * @return an unmodifiable map in name order
     */
    public Map<String, String> entries() {
        Map<String, String> out = new LinkedHashMap<>();
        list.stream().map(Map.Entry::getKey).distinct().sorted().forEach(n -> out.put(n, get(n)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The headers in name order, for logs.
     *
     * @return a description of the combined headers
     */
    @Override
    public String toString() {
        return "Headers" + entries();
    }
}
