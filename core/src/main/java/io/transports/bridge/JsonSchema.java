package io.transports.bridge;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (draft 2020-12) for a Java class. It describes the class's data as plain JSON — the
 * object with one property per bridged field, as a front end or a JSON tool sees it after unwrapping —
 * not the externally tagged wire form ({@code {"Map": {...}}}) of docs/protocol.md. The notebook widget
 * builds its form from it (docs/jupyter.md), so it says what a form needs beyond validation:
 *
 * <pre>{@code
 * String text = JsonSchema.of(Device.class);          // pretty-printed
 * Map<String, Object> tree = JsonSchema.tree(Device.class);
 * }</pre>
 *
 * <ul>
 * <li>objects list {@code properties} in Java declaration order (or {@code @JsonPropertyOrder}) and the
 *     same order again in {@code x-order} (JavaScript objects put integer-like keys first); {@code title}
 *     is the simple class name; {@code description} comes from {@code @JsonClassDescription} and
 *     {@code @JsonPropertyDescription};</li>
 * <li>every node has {@code x-java}, the Java type as written ({@code List<Item>}, {@code int});</li>
 * <li>integers carry their width as {@code format} (int8 .. int64) with its bounds; floats
 *     {@code double}/{@code float}; {@code BigInteger} is an integer of format {@code big-integer}
 *     (the bridge carries it within 64 bits) and {@code BigDecimal} a number of format
 *     {@code big-decimal} (carried as a double); java.time types are strings with their ISO format;</li>
 * <li>a reference-typed property may be null ({@code anyOf} with {@code {"type":"null"}}) unless a
 *     {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty} or any {@code @NonNull} says otherwise;
 *     {@code Optional} and its primitive cousins are always nullable; list items and map values are
 *     not (a form adds real items, not holes); only non-nullable properties are {@code required};</li>
 * <li>sets have {@code uniqueItems}; maps have {@code additionalProperties} (the value schema) and
 *     {@code propertyNames} (the key schema: keys are strings on the wire);</li>
 * <li>{@code items}, {@code additionalProperties} and object {@code $defs} carry a {@code default}: the
 *     plain JSON of a default instance (see {@code DefaultInstance});</li>
 * <li>Bean Validation constraints become keywords with their messages in {@code x-messages}
 *     (see {@code ConstraintSchema}).</li>
 * </ul>
 *
 * <p>Nested records, beans and enums become {@code $defs} referenced by their simple names; a
 * polymorphic base becomes a {@code oneOf} of its subtypes, each with its type property as a
 * {@code const}. Classes with the same simple name in different packages would share a definition.
 */
public final class JsonSchema {
    private JsonSchema() {}

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** The schema of {@code type}, as pretty-printed JSON text. */
    public static String of(Class<?> type) {
        StringBuilder b = new StringBuilder();
        write(tree(type), b, "");
        return b.append('\n').toString();
    }

    /**
     * The schema of {@code type} as plain JSON data: maps (in order), lists, strings, numbers, booleans
     * and nulls, ready for any JSON writer.
     */
    public static Map<String, Object> tree(Class<?> type) {
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
        if (Kind.of(type) != Kind.OBJECT) root.putAll(typed(type));
        if (!defs.isEmpty()) root.put("$defs", defs);
        return root;
    }

    private static Map<String, Object> declaration(Class<?> c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", Names.typeName(c));
        m.put("x-java", Names.typeName(c));
        JsonClassDescription cd = Shape.inherited(c, JsonClassDescription.class);
        if (cd != null && !cd.value().isEmpty()) m.put("description", cd.value());
        if (Kind.of(c) == Kind.ENUM) {
            m.put("type", "string");
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
        List<Object> required = new ArrayList<>();
        for (Prop p : ordered(c, s)) {
            if (p.kind == 'K') {
                props.put(p.name, Map.of("const", ((io.transports.value.StrValue) p.constant).value()));
                required.add(p.name);
                continue;
            }
            boolean nullable = nullable(p);
            props.put(p.name, property(p, nullable));
            if (!nullable) required.add(p.name);
        }
        m.put("properties", props);
        m.put("x-order", new ArrayList<Object>(props.keySet()));
        m.put("required", required);
        m.put("additionalProperties", false);
        Object d = DefaultInstance.plain(c);
        if (d != null) m.put("default", d);
        return m;
    }

    /** Declaration order, or {@code @JsonPropertyOrder}'s (named ones first; alphabetic if it says so). */
    private static List<Prop> ordered(Class<?> c, Shape s) {
        List<Prop> list = new ArrayList<>(List.of(s.declared));
        JsonPropertyOrder order = Shape.inherited(c, JsonPropertyOrder.class);
        if (order == null) return list;
        if (order.alphabetic()) list.sort(Comparator.comparing(p -> p.name));
        List<String> named = List.of(order.value());
        List<Prop> out = new ArrayList<>();
        for (String n : named) for (Prop p : list) if (p.name.equals(n) || p.source.endsWith("." + n)) out.add(p);
        for (Prop p : list) if (!out.contains(p)) out.add(p);
        return out;
    }

    private static boolean nullable(Prop p) {
        Kind k = Kind.of(p.raw);
        if (k == Kind.OPTIONAL || k == Kind.OPTIONAL_INT || k == Kind.OPTIONAL_LONG || k == Kind.OPTIONAL_DOUBLE) return true;
        return !p.raw.isPrimitive() && !ConstraintSchema.forbidsNull(p.annotated);
    }

    private static Map<String, Object> property(Prop p, boolean nullable) {
        Map<String, Object> node = typed(p.type, annotatedType(p));
        ConstraintSchema.apply(p.annotated, node, Kind.of(optionalContent(p.type)));
        String description = null;
        for (AnnotatedElement e : p.annotated) {
            JsonPropertyDescription d = e.getAnnotation(JsonPropertyDescription.class);
            if (d != null && !d.value().isEmpty()) description = d.value();
        }
        if (description != null) node.put("description", description);
        if (!nullable) {
            String m = ConstraintSchema.nullMessage(p.annotated);
            if (m != null) messages(node).put("required", m);
            return node;
        }
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("anyOf", List.of(node, Map.of("type", "null")));
        outer.put("x-java", Names.describe(p.type));
        if (description != null) outer.put("description", description);
        return outer;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> messages(Map<String, Object> node) {
        return (Map<String, Object>) node.computeIfAbsent("x-messages", k -> new LinkedHashMap<String, Object>());
    }

    private static Class<?> optionalContent(Type t) {
        Class<?> c = FromValue.raw(t);
        return Kind.of(c) == Kind.OPTIONAL ? FromValue.raw(FromValue.arg(t, 0)) : c;
    }

    private static Map<String, Object> ref(Class<?> c) {
        return Map.of("$ref", "#/$defs/" + Names.typeName(c));
    }

    /** The annotated type of a property (for constraints on its type arguments, as in {@code List<@Min(0) Integer>}), or null. */
    private static AnnotatedType annotatedType(Prop p) {
        for (AnnotatedElement e : p.annotated) {
            if (e instanceof java.lang.reflect.Field f) return f.getAnnotatedType();
            if (e instanceof java.lang.reflect.Method m && m.getParameterCount() == 0) return m.getAnnotatedReturnType();
        }
        return null;
    }

    /** The annotated type of type argument {@code i} (or of an array's component), or null. */
    private static AnnotatedType argument(AnnotatedType at, int i) {
        if (at instanceof AnnotatedParameterizedType p && i < p.getAnnotatedActualTypeArguments().length) {
            return p.getAnnotatedActualTypeArguments()[i];
        }
        if (at instanceof AnnotatedArrayType a) return a.getAnnotatedGenericComponentType();
        return null;
    }

    /** The schema of a value inside a container, with the constraints written on its type argument. */
    private static Map<String, Object> contained(Type t, AnnotatedType at) {
        Map<String, Object> m = typed(t, at);
        if (at != null) ConstraintSchema.apply(new AnnotatedElement[] {at}, m, Kind.of(FromValue.raw(t)));
        return m;
    }

    /** A list item or map value: its schema (never null) with a default for new ones. */
    private static Map<String, Object> element(Type t, AnnotatedType at) {
        Map<String, Object> m = contained(t, at);
        Object d = DefaultInstance.plain(t);
        if (d != null) m.put("default", d);
        return m;
    }

    private static Map<String, Object> integer(String format, long min, long max) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "integer");
        m.put("format", format);
        m.put("minimum", min);
        m.put("maximum", max);
        return m;
    }

    /** The schema of a value of type {@code t} itself (never its null), with its x-java label. */
    static Map<String, Object> typed(Type t) { return typed(t, null); }

    private static Map<String, Object> typed(Type t, AnnotatedType at) {
        Map<String, Object> m = kindSchema(t, at);
        Class<?> c = FromValue.raw(t);
        m.put("x-java", Kind.of(c) == Kind.OPTIONAL ? Names.describe(FromValue.arg(t, 0)) : Names.describe(t));
        return m;
    }

    private static Map<String, Object> kindSchema(Type t, AnnotatedType at) {
        Class<?> c = FromValue.raw(t);
        Map<String, Object> m = new LinkedHashMap<>();
        switch (Kind.of(c)) {
            case BOOL: m.put("type", "boolean"); return m;
            case INTEGRAL:
                if (c == byte.class || c == Byte.class) return integer("int8", Byte.MIN_VALUE, Byte.MAX_VALUE);
                if (c == short.class || c == Short.class) return integer("int16", Short.MIN_VALUE, Short.MAX_VALUE);
                if (c == int.class || c == Integer.class) return integer("int32", Integer.MIN_VALUE, Integer.MAX_VALUE);
                return integer("int64", Long.MIN_VALUE, Long.MAX_VALUE);
            case ATOMIC_INT: case OPTIONAL_INT: return integer("int32", Integer.MIN_VALUE, Integer.MAX_VALUE);
            case ATOMIC_LONG: case OPTIONAL_LONG: return integer("int64", Long.MIN_VALUE, Long.MAX_VALUE);
            case BIG_INT: return integer("big-integer", Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOATING: case OPTIONAL_DOUBLE:
                m.put("type", "number");
                m.put("format", c == float.class || c == Float.class ? "float" : "double");
                return m;
            case BIG_DEC:
                m.put("type", "number");
                m.put("format", "big-decimal");
                return m;
            case CHAR:
                m.put("type", "string");
                m.put("minLength", 1);
                m.put("maxLength", 1);
                return m;
            case STRING: case CHARSEQ: case UUID: case URI: case TIME: {
                m.put("type", "string");
                String f = c == java.time.LocalDateTime.class ? "x-local-date-time" : TypeWalk.format(c);
                if (f != null) m.put("format", f);
                return m;
            }
            case OPTIONAL: {
                Map<String, Object> content = contained(FromValue.arg(t, 0), argument(at, 0));
                content.remove("x-java"); // typed() labels it with the content type
                return content;
            }
            case LIST: case SET: case COLLECTION: case ARRAY: {
                if (c == char[].class) {
                    m.put("type", "string");
                    return m;
                }
                m.put("type", "array");
                m.put("items", element(Kind.of(c) == Kind.ARRAY ? FromValue.component(t) : FromValue.arg(t, 0), argument(at, 0)));
                if (Kind.of(c) == Kind.SET) m.put("uniqueItems", true);
                return m;
            }
            case MAP: {
                m.put("type", "object");
                m.put("additionalProperties", element(FromValue.arg(t, 1), argument(at, 1)));
                m.put("propertyNames", key(FromValue.arg(t, 0)));
                return m;
            }
            case JSON_VALUE: return kindSchema(Kind.jsonValue(c).getGenericReturnType(), null);
            case ENUM: return new LinkedHashMap<>(ref(Names.enumClass(c)));
            case OBJECT: return new LinkedHashMap<>(ref(c));
            default: return m; // anything
        }
    }

    /** The schema of a map's keys as they travel (always strings). */
    private static Map<String, Object> key(Type t) {
        Class<?> c = FromValue.raw(t);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "string");
        switch (Kind.of(c)) {
            case ENUM -> m.put("enum", List.of((Object[]) Names.enums(c).names()));
            case INTEGRAL, BIG_INT -> m.put("pattern", "^-?[0-9]+$");
            case BOOL -> m.put("enum", List.of("false", "true"));
            case UUID -> m.put("format", "uuid");
            default -> { }
        }
        m.put("x-java", Names.describe(t));
        return m;
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
