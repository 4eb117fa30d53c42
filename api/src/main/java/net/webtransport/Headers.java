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

    /** @param fields name/value pairs in the order they came; names are lowercased */
    public Headers(List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> copy = new ArrayList<>();
        for (Map.Entry<String, String> f : fields) {
            copy.add(Map.entry(f.getKey().toLowerCase(Locale.ROOT), f.getValue()));
        }
        this.list = Collections.unmodifiableList(copy);
    }

    /** The values of {@code name} joined with ", ", or null if there are none. */
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

    public boolean has(String name) {
        return get(name) != null;
    }

    /** Each name once (lowercase, sorted) with its combined value. */
    public Map<String, String> entries() {
        Map<String, String> out = new LinkedHashMap<>();
        list.stream().map(Map.Entry::getKey).distinct().sorted().forEach(n -> out.put(n, get(n)));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "Headers" + entries();
    }
}
