package io.transports.bridge;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (draft 2020-12) for a Java class. It describes the class's data as plain JSON — the
 * object with one property per bridged field, as a front end or a JSON tool sees it after unwrapping —
 * not the externally tagged wire form ({@code {"Map": {...}}}) of docs/protocol.md.
 *
 * <pre>{@code
 * String schema = JsonSchema.of(Device.class);
 * }</pre>
 *
 * <p>Every property is listed as required (the bridge always writes all of them) and reference types
 * admit {@code null}. Nested records, beans and enums become {@code $defs} referenced by their simple
 * names; a polymorphic base becomes a {@code oneOf} of its subtypes, each with its type property as a
 * {@code const}. Classes with the same simple name in different packages would share a definition.
 */
public final class JsonSchema {
    private JsonSchema() {}

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** The schema of {@code type}, as pretty-printed JSON text. */
    public static String of(Class<?> type) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", DIALECT);
        root.put("title", Names.typeName(type));
        Map<String, Object> defs = new LinkedHashMap<>();
        boolean first = true;
        for (Class<?> c : TypeWalk.named(type)) {
            if (first && c == type && Kind.of(type) == Kind.OBJECT) root.putAll(declaration(c));
            else defs.put(Names.typeName(c), declaration(c));
            first = false;
        }
        if (Kind.of(type) != Kind.OBJECT) root.putAll(schema(type));
        if (!defs.isEmpty()) root.put("$defs", defs);
        StringBuilder b = new StringBuilder();
        write(root, b, "");
        return b.append('\n').toString();
    }

    private static Map<String, Object> declaration(Class<?> c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (Kind.of(c) == Kind.ENUM) {
            m.put("enum", List.of((Object[]) Names.enums(c).names()));
            return m;
        }
        if (TypeWalk.union(c)) {
            List<Object> refs = new ArrayList<>();
            for (Class<?> sub : Subtypes.of(c).byName.values()) if (sub != c || !TypeWalk.abstractType(c)) refs.add(ref(sub));
            m.put("oneOf", refs);
            return m;
        }
        Shape s = Shape.of(c);
        m.put("type", "object");
        Map<String, Object> props = new LinkedHashMap<>();
        for (Prop p : s.props) {
            if (p.kind == 'K') props.put(p.name, Map.of("const", ((io.transports.value.StrValue) p.constant).value()));
            else props.put(p.name, schema(p.type));
        }
        m.put("properties", props);
        m.put("required", List.of((Object[]) s.keys));
        m.put("additionalProperties", false);
        return m;
    }

    private static Map<String, Object> ref(Class<?> c) {
        return Map.of("$ref", "#/$defs/" + Names.typeName(c));
    }

    private static Map<String, Object> simple(String type, boolean nullable) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", nullable ? List.of(type, "null") : type);
        return m;
    }

    private static Map<String, Object> nullable(Map<String, Object> s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("anyOf", List.of(s, Map.of("type", "null")));
        return m;
    }

    static Map<String, Object> schema(Type t) {
        Class<?> c = FromValue.raw(t);
        boolean n = !c.isPrimitive();
        switch (Kind.of(c)) {
            case BOOL: return simple("boolean", n);
            case INTEGRAL: case ATOMIC_INT: case ATOMIC_LONG: case BIG_INT: return simple("integer", n);
            case FLOATING: case BIG_DEC: return simple("number", n);
            case CHAR: case STRING: case CHARSEQ: case UUID: case URI: case TIME: {
                Map<String, Object> m = simple("string", n);
                String f = TypeWalk.format(c);
                if (f != null) m.put("format", f);
                return m;
            }
            case OPTIONAL: return schema(FromValue.arg(t, 0)); // its content is a reference type: already nullable
            case OPTIONAL_INT: case OPTIONAL_LONG: return simple("integer", true);
            case OPTIONAL_DOUBLE: return simple("number", true);
            case LIST: case SET: case COLLECTION: case ARRAY: {
                if (c == char[].class) return simple("string", true);
                Map<String, Object> m = simple("array", true);
                m.put("items", schema(Kind.of(c) == Kind.ARRAY ? FromValue.component(t) : FromValue.arg(t, 0)));
                return m;
            }
            case MAP: {
                Map<String, Object> m = simple("object", true);
                m.put("additionalProperties", schema(FromValue.arg(t, 1)));
                return m;
            }
            case JSON_VALUE: return schema(Kind.jsonValue(c).getGenericReturnType());
            case ENUM: return nullable(ref(Names.enumClass(c)));
            case OBJECT: return nullable(ref(c));
            default: return new LinkedHashMap<>(); // anything
        }
    }

    // ---- a small pretty printer: two-space indent; scalar arrays and small flat objects on one line

    private static boolean small(Map<?, ?> m) {
        if (m.size() > 2) return false;
        for (Object v : m.values()) {
            if (v instanceof Map) return false;
            if (v instanceof List<?> l) for (Object x : l) if (x instanceof Map || x instanceof List) return false;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void write(Object o, StringBuilder b, String indent) {
        if (o instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            if (small(m)) {
                b.append('{');
                int i = 0;
                for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                    if (i++ > 0) b.append(", ");
                    io.transports.value.ValueText.quote(e.getKey(), b);
                    b.append(": ");
                    write(e.getValue(), b, indent);
                }
                b.append('}');
                return;
            }
            b.append("{\n");
            int i = 0;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                b.append(indent).append("  ");
                io.transports.value.ValueText.quote(e.getKey(), b);
                b.append(": ");
                write(e.getValue(), b, indent + "  ");
                b.append(++i < m.size() ? ",\n" : "\n");
            }
            b.append(indent).append('}');
        } else if (o instanceof List<?> l) {
            boolean flat = true;
            for (Object x : l) flat &= !(x instanceof Map || x instanceof List);
            if (flat) {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(", ");
                    write(l.get(i), b, indent);
                }
                b.append(']');
                return;
            }
            b.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                b.append(indent).append("  ");
                write(l.get(i), b, indent + "  ");
                b.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            b.append(indent).append(']');
        } else if (o instanceof String s) {
            io.transports.value.ValueText.quote(s, b);
        } else {
            b.append(o);
        }
    }
}
