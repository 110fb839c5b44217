package io.transports.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transports.value.BoolValue;
import io.transports.value.FloatValue;
import io.transports.value.IntValue;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.NullValue;
import io.transports.value.StrValue;
import io.transports.value.SubmodelValue;
import io.transports.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Value as plain data and back, without going through text: a Jackson {@link JsonNode} tree, or
 * {@code Map}/{@code List}/boxed scalars (what {@code ObjectMapper.convertValue} or a template engine
 * wants). The plain form drops the tags: Null is null, Bool a Boolean, Int a Long, Float a Double, Str
 * a String, List a List, Map a Map in wire key order. Reading back, integral numbers become Int and
 * others Float, so a Float that holds a whole number ({@code 2.0}) comes back as a Float only from a
 * Double (or a Jackson DoubleNode), never from an integer.
 *
 * <p>A Submodel reference has no plain form: {@link #toPlain} keeps it as the {@link SubmodelValue},
 * and {@link #toJsonNode} refuses it. Errors name the path: {@code items[2].price: a Float must be
 * finite, got NaN}.
 */
public final class PlainData {
    private PlainData() {}

    /** The value as a Jackson tree. @throws IllegalArgumentException for a Submodel, naming its path */
    public static JsonNode toJsonNode(Value v) { return toNode(v, new StringBuilder()); }

    /**
     * A Jackson tree as a Value. Integral numbers are Ints (outside 64 bits refused), other numbers
     * Floats (NaN and infinities refused); null, a NullNode and a MissingNode are Null.
     *
     * @throws IllegalArgumentException naming the path of what has no Value form (binary, POJO nodes)
     */
    public static Value fromJsonNode(JsonNode node) { return fromNode(node, new StringBuilder()); }

    /**
     * The value as plain Java data: null, Boolean, Long, Double, String, an unmodifiable List or an
     * unmodifiable Map (keys in wire order); a Submodel stays a {@link SubmodelValue}.
     */
    public static Object toPlain(Value v) {
        if (v instanceof NullValue) return null;
        if (v instanceof BoolValue b) return b.value();
        if (v instanceof IntValue n) return n.value();
        if (v instanceof FloatValue f) return f.value();
        if (v instanceof StrValue s) return s.value();
        if (v instanceof ListValue l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) out.add(toPlain(l.get(i)));
            return Collections.unmodifiableList(out);
        }
        if (v instanceof MapValue m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < m.size(); i++) out.put(m.keyAt(i), toPlain(m.valueAt(i)));
            return Collections.unmodifiableMap(out);
        }
        return v; // a Submodel
    }

    /**
     * Plain Java data as a Value: null, Boolean, any integral Number (BigInteger within 64 bits),
     * Double/Float/BigDecimal (as Float), String/Character, a Collection or array of these, a Map with
     * String keys, and Values themselves (kept as they are). For objects with fields, use the bridge
     * ({@code Transports.toValue}).
     *
     * @throws IllegalArgumentException naming the path of anything else
     */
    public static Value fromPlain(Object o) { return fromPlain(o, new StringBuilder()); }

    // ---- internals ----

    private static JsonNode toNode(Value v, StringBuilder path) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof NullValue) return f.nullNode();
        if (v instanceof BoolValue b) return f.booleanNode(b.value());
        if (v instanceof IntValue n) return f.numberNode(n.value());
        if (v instanceof FloatValue x) return f.numberNode(x.value());
        if (v instanceof StrValue s) return f.textNode(s.value());
        if (v instanceof ListValue l) {
            ArrayNode out = f.arrayNode(l.size());
            for (int i = 0; i < l.size(); i++) {
                int mark = index(path, i);
                out.add(toNode(l.get(i), path));
                path.setLength(mark);
            }
            return out;
        }
        if (v instanceof MapValue m) {
            ObjectNode out = f.objectNode();
            for (int i = 0; i < m.size(); i++) {
                int mark = key(path, m.keyAt(i));
                out.set(m.keyAt(i), toNode(m.valueAt(i), path));
                path.setLength(mark);
            }
            return out;
        }
        if (v instanceof SubmodelValue s) throw fail(path, "a Submodel (" + s.id() + ") has no plain JSON form");
        throw fail(path, "no value (null); use Value.NULL");
    }

    private static Value fromNode(JsonNode node, StringBuilder path) {
        if (node == null || node.isNull() || node.isMissingNode()) return Value.NULL;
        if (node.isBoolean()) return Value.of(node.booleanValue());
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) throw fail(path, "integer " + node.bigIntegerValue() + " is outside the 64-bit range");
            return Value.of(node.longValue());
        }
        if (node.isNumber()) return floating(node.doubleValue(), path);
        if (node.isTextual()) return Value.of(node.textValue());
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                int mark = index(path, i);
                items.add(fromNode(node.get(i), path));
                path.setLength(mark);
            }
            return Value.list(items);
        }
        if (node.isObject()) {
            Map<String, Value> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int mark = key(path, e.getKey());
                entries.put(e.getKey(), fromNode(e.getValue(), path));
                path.setLength(mark);
            }
            return Value.map(entries);
        }
        throw fail(path, "a " + node.getNodeType() + " node has no Value form");
    }

    private static Value fromPlain(Object o, StringBuilder path) {
        if (o == null) return Value.NULL;
        if (o instanceof Value v) return v;
        if (o instanceof Boolean b) return Value.of(b);
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) return Value.of(((Number) o).longValue());
        if (o instanceof BigInteger big) {
            if (big.bitLength() > 63) throw fail(path, "integer " + big + " is outside the 64-bit range");
            return Value.of(big.longValue());
        }
        if (o instanceof Double || o instanceof Float || o instanceof BigDecimal) return floating(((Number) o).doubleValue(), path);
        if (o instanceof String s) return Value.of(s);
        if (o instanceof Character c) return Value.of(String.valueOf(c));
        if (o instanceof JsonNode node) return fromNode(node, path);
        if (o instanceof Collection<?> c) {
            List<Value> items = new ArrayList<>(c.size());
            int i = 0;
            for (Object item : c) {
                int mark = index(path, i++);
                items.add(fromPlain(item, path));
                path.setLength(mark);
            }
            return Value.list(items);
        }
        if (o instanceof Object[] array) return fromPlain(java.util.Arrays.asList(array), path);
        if (o instanceof Map<?, ?> m) {
            Map<String, Value> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw fail(path, "map keys must be strings, got " + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName() + " " + e.getKey()));
                }
                int mark = key(path, k);
                entries.put(k, fromPlain(e.getValue(), path));
                path.setLength(mark);
            }
            return Value.map(entries);
        }
        throw fail(path, "a " + o.getClass().getName() + " is not plain data (null, Boolean, Number, String, List, Map); "
                + "use Transports.toValue for objects with fields");
    }

    private static Value floating(double d, StringBuilder path) {
        if (!Double.isFinite(d)) throw fail(path, "a Float must be finite, got " + d);
        return Value.of(d);
    }

    private static int index(StringBuilder path, int i) {
        int mark = path.length();
        path.append('[').append(i).append(']');
        return mark;
    }

    private static int key(StringBuilder path, String k) {
        int mark = path.length();
        if (path.length() > 0) path.append('.');
        path.append(k);
        return mark;
    }

    private static IllegalArgumentException fail(StringBuilder path, String why) {
        return new IllegalArgumentException((path.length() == 0 ? "value" : path) + ": " + why);
    }
}
