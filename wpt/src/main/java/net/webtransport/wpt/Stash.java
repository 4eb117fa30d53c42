package net.webtransport.wpt;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The state handlers share across sessions and connections, with wptserve's semantics: {@link #take}
 * returns a value and removes it, {@link #put} stores one (a key already present is an error, so
 * handlers take before they put). Values are JSON-able: maps, lists, strings, numbers, booleans.
 */
public final class Stash {
    private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();

    /** The value under {@code key}, removed, or null if there is none. */
    public Object take(String key) {
        return values.remove(key);
    }

    /**
     * Replaces the value under {@code key} with {@code change} applied to it (null when absent), as
     * one step: what upstream's handlers do as a take followed by a put, without another session
     * slipping in between.
     */
    public void update(String key, UnaryOperator<Object> change) {
        values.compute(key, (k, old) -> change.apply(old));
    }

    /**
     * The value under {@code key}, left in place, or null. wptserve has no such call and handlers do
     * not use it; it lets tests and diagnostics watch the stash without disturbing it.
     */
    public Object peek(String key) {
        return values.get(key);
    }

    /**
     * Stores {@code value} under {@code key}.
     *
     * @throws IllegalStateException if the key holds a value already
     */
    public void put(String key, Object value) {
        if (values.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("the stash already holds a value for " + key);
        }
    }
}
