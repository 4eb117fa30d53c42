package net.webtransport.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP field section (RFC 9110 §5): ordered name/value pairs such as the headers of the
 * extended CONNECT request and its response. Names are stored lower-case, as HTTP/3 requires
 * (RFC 9114 §4.2); pseudo-header fields keep their leading colon. Instances are immutable.
 */
public final class HttpFields implements Iterable<HttpFields.Field> {

    /** One field line. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final HttpFields EMPTY = new HttpFields(List.of());

    private final List<Field> fields;

    private HttpFields(List<Field> fields) {
        this.fields = fields;
    }

    /** An empty field section. */
    public static HttpFields empty() {
        return EMPTY;
    }

    /**
     * A field section from alternating names and values: {@code of("origin", "https://a", "x-y", "z")}.
     *
     * @throws IllegalArgumentException if an odd number of strings is given
     */
    public static HttpFields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of {@code name} (case-insensitive), or {@code null} if there is none. */
    public String get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (Field f : fields) {
            if (f.name.equals(key)) {
                return f.value;
            }
        }
        return null;
    }

    /** Every value of {@code name} (case-insensitive), in order. */
    public List<String> getAll(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>(1);
        for (Field f : fields) {
            if (f.name.equals(key)) {
                values.add(f.value);
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /** This section with one more field appended. */
    public HttpFields with(String name, String value) {
        return builder().addAll(this).add(name, value).build();
    }

    /** This section without any field named {@code name}. */
    public HttpFields without(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        Builder b = builder();
        for (Field f : fields) {
            if (!f.name.equals(key)) {
                b.add(f.name, f.value);
            }
        }
        return b.build();
    }

    public List<Field> asList() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public Iterator<Field> iterator() {
        return fields.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpFields other && other.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (Field f : fields) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(f.name).append(": ").append(f.value);
        }
        return sb.append(']').toString();
    }

    /** Collects fields in order. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty field name");
            }
            fields.add(new Field(name.toLowerCase(Locale.ROOT), value));
            return this;
        }

        public Builder addAll(Iterable<Field> more) {
            for (Field f : more) {
                add(f.name(), f.value());
            }
            return this;
        }

        public HttpFields build() {
            return fields.isEmpty() ? EMPTY : new HttpFields(Collections.unmodifiableList(new ArrayList<>(fields)));
        }
    }
}
