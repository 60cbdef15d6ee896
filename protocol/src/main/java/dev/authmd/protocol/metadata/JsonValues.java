package dev.authmd.protocol.metadata;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Copies and checks the plain JSON values the metadata model keeps for members it does not know: {@code String},
 * {@code Number} (the immutable JDK kinds), {@code Boolean}, {@code null}, {@code List} and {@code Map<String, ?>},
 * nested at most {@value #MAX_DEPTH} levels. Copies are unmodifiable and keep member order. Not API.
 */
final class JsonValues {

    /** Deepest nesting accepted in an unknown member's value. */
    static final int MAX_DEPTH = 64;

    private JsonValues() {}

    /**
     * {@return an unmodifiable, ordered deep copy}
     *
     * @param members name → value; null means none
     * @param known member names that have a typed setter and may not appear here
     * @param where the JSON path of the enclosing object for messages ("" for the root)
     * @throws IllegalArgumentException naming the first offending member
     */
    static Map<String, Object> copyMembers(@Nullable Map<String, Object> members, Set<String> known, String where) {
        if (members == null || members.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : members.entrySet()) {
            String name = e.getKey();
            if (name == null) {
                throw new IllegalArgumentException("additional member names cannot be null" + in(where));
            }
            if (known.contains(name)) {
                throw new IllegalArgumentException(
                        "additional member \"" + name + "\"" + in(where) + " is a known member; use its typed setter");
            }
            copy.put(name, copyValue(e.getValue(), path(where, name), 1));
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * {@return an unmodifiable copy, or null}
     *
     * @param values a list of strings, or null for "member absent"
     * @param member the JSON member for messages
     * @throws IllegalArgumentException if an element is null
     */
    static @Nullable List<String> copyStrings(@Nullable List<String> values, String member) {
        if (values == null) {
            return null;
        }
        for (String value : values) {
            if (value == null) {
                throw new IllegalArgumentException(member + " cannot contain null");
            }
        }
        return List.copyOf(values);
    }

    static String path(String where, String name) {
        return where.isEmpty() ? name : where + "." + name;
    }

    private static String in(String where) {
        return where.isEmpty() ? "" : " in " + where;
    }

    private static Object copyValue(Object value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + " is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(path + " must be a finite number");
            }
            return value;
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            int i = 0;
            for (Object element : (List<?>) value) {
                copy.add(copyValue(element, path + "[" + i++ + "]", depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException(path + " must have string member names");
                }
                String name = (String) e.getKey();
                copy.put(name, copyValue(e.getValue(), path + "." + name, depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException(path + " must be a plain JSON value (String, Number, Boolean, null, "
                + "List or Map), not " + value.getClass().getName());
    }
}
