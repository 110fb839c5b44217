package io.transports.bridge;

import io.transports.value.BoolValue;
import io.transports.value.FloatValue;
import io.transports.value.IntValue;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.NullValue;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a Value into a Java type, strictly: every mismatch is a {@link BridgeException} naming the path
 * and saying what was expected, in words a person can act on (these become reject reasons), e.g.
 * {@code at watts: expected a whole number (Int) for int field 'watts', got Str "abc"}.
 *
 * <p>Rules: an Int widens into a floating field; a Float goes into an integral field only if it is
 * integral; numbers out of the field's range are refused; Null goes into any reference (an empty
 * Optional), never a primitive. Map keys the class does not know are refused unless the class says
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)} (or names them there); keys that are missing leave
 * the property at its default (what the constructor set, or null/0/false for a record component) —
 * except when reading a proposal's result, where a missing required property is refused.
 * Read-only properties (a getter with no setter or writable field) are ignored.
 */
final class FromValue {
    final Trail trail;
    private String label; // "int field 'watts'", set just before reading a property
    /** Delegating @JsonCreators entered in a row at one path depth (chainDepth) without reading deeper. */
    private int chainDepth = -1, chainCount;

    /** Whether every record or bean in the value must carry each of its required properties (a proposal's result). */
    private final boolean complete;

    FromValue(Trail trail) { this(trail, false); }

    FromValue(Trail trail, boolean complete) {
        this.trail = trail;
        this.complete = complete;
    }

    Object run(Value v, Type t) {
        trail.truncate(0);
        try {
            return read(v, t);
        } catch (Prop.Failure f) {
            throw new BridgeException(trail.path(), f.getMessage(), f.getCause());
        } catch (IllegalStateException e) {
            throw new BridgeException(trail.path(), e.getMessage(), e);
        }
    }

    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return raw(p.getRawType());
        if (t instanceof GenericArrayType g) return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        if (t instanceof TypeVariable<?> v) return v.getBounds().length == 0 ? Object.class : raw(v.getBounds()[0]);
        if (t instanceof WildcardType w) return raw(w.getUpperBounds()[0]);
        return Object.class;
    }

    static Type arg(Type t, int i) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) return p.getActualTypeArguments()[i];
        return Object.class;
    }

    static Type component(Type t) {
        if (t instanceof GenericArrayType g) return g.getGenericComponentType();
        return raw(t).getComponentType();
    }

    BridgeException expected(String what, String label, Value got) {
        return trail.error("expected " + what + " for " + label + ", got " + Names.brief(got));
    }

    Object read(Value v, Type t) {
        String label = this.label != null ? this.label : Names.describe(t);
        this.label = null;
        if (trail.size() > Walker.MAX_DEPTH) throw trail.error("nested deeper than " + Walker.MAX_DEPTH + " levels");
        Class<?> c = raw(t);
        if (v instanceof NullValue) {
            if (c == Value.class || c == NullValue.class) return v;
            if (c.isPrimitive()) throw expected(what(c), label, v);
            if (c == Optional.class) return Optional.empty();
            if (c == OptionalInt.class) return OptionalInt.empty();
            if (c == OptionalLong.class) return OptionalLong.empty();
            if (c == OptionalDouble.class) return OptionalDouble.empty();
            return null;
        }
        if (c == Object.class) return natural(v);
        if (Value.class.isAssignableFrom(c)) {
            if (c.isInstance(v)) return v;
            throw expected("a " + Names.typeName(c), label, v);
        }
        switch (Kind.of(c)) {
            case BOOL:
                if (v instanceof BoolValue b) return b.value();
                throw expected(what(c), label, v);
            case INTEGRAL: {
                long n = integral(v, c, label);
                if (c == int.class || c == Integer.class) return (int) n;
                if (c == long.class || c == Long.class) return n;
                if (c == short.class || c == Short.class) return (short) n;
                return (byte) n;
            }
            case ATOMIC_INT: return new AtomicInteger((int) integral(v, int.class, label));
            case ATOMIC_LONG: return new AtomicLong(integral(v, long.class, label));
            case BIG_INT:
                if (v instanceof IntValue i) return BigInteger.valueOf(i.value());
                return BigInteger.valueOf(integral(v, long.class, label));
            case FLOATING: {
                double d = floating(v, label);
                if (c == float.class || c == Float.class) {
                    if (Math.abs(d) > Float.MAX_VALUE) throw trail.error(d + " is out of range for " + label);
                    return (float) d;
                }
                return d;
            }
            case BIG_DEC:
                if (v instanceof IntValue i) return BigDecimal.valueOf(i.value());
                return BigDecimal.valueOf(floating(v, label));
            case CHAR: {
                String s = text(v, "a single character (Str)", label);
                if (s.length() != 1) throw trail.error("expected a single character for " + label + ", got " + Names.brief(v));
                return s.charAt(0);
            }
            case STRING: return text(v, what(c), label);
            case CHARSEQ: {
                String s = text(v, what(c), label);
                if (c.isAssignableFrom(String.class)) return s;
                if (c == StringBuilder.class) return new StringBuilder(s);
                if (c == StringBuffer.class) return new StringBuffer(s);
                throw trail.error("cannot create a " + label + " from text");
            }
            case UUID: {
                String s = text(v, "a UUID (Str)", label);
                try {
                    return UUID.fromString(s);
                } catch (IllegalArgumentException e) {
                    throw trail.error("expected a UUID for " + label + ", got " + Names.brief(v));
                }
            }
            case URI: {
                String s = text(v, "a URI (Str)", label);
                try {
                    return new URI(s);
                } catch (URISyntaxException e) {
                    throw trail.error("expected a URI for " + label + ", got " + Names.brief(v) + " (" + e.getReason() + ")");
                }
            }
            case ENUM: {
                Names.EnumNames en = Names.enums(c);
                String s = text(v, what(c), label);
                Enum<?> e = en.byName.get(s);
                if (e == null) throw expected(what(c), label, v);
                return e;
            }
            case TIME: {
                String s = text(v, "ISO-8601 text (Str)", label);
                try {
                    return IsoTime.parse(c, s);
                } catch (DateTimeException e) {
                    throw trail.error("expected an ISO-8601 " + Names.typeName(c) + " for " + label + ", got "
                            + Names.brief(v) + " (" + e.getMessage() + ")");
                }
            }
            case OPTIONAL: return Optional.ofNullable(read(v, arg(t, 0)));
            case OPTIONAL_INT: return OptionalInt.of((int) integral(v, int.class, label));
            case OPTIONAL_LONG: return OptionalLong.of(integral(v, long.class, label));
            case OPTIONAL_DOUBLE: return OptionalDouble.of(floating(v, label));
            case LIST: case SET: case COLLECTION: {
                ListValue l = list(v, label);
                Type et = arg(t, 0);
                Collection<Object> out = newCollection(c, raw(et), label);
                for (int i = 0; i < l.size(); i++) {
                    trail.index(i);
                    out.add(read(l.get(i), et));
                    trail.pop();
                }
                return out;
            }
            case ARRAY: {
                if (c == char[].class) return text(v, "text (Str)", label).toCharArray();
                ListValue l = list(v, label);
                Type et = component(t);
                Object a = Array.newInstance(raw(et), l.size());
                for (int i = 0; i < l.size(); i++) {
                    trail.index(i);
                    Array.set(a, i, read(l.get(i), et));
                    trail.pop();
                }
                return a;
            }
            case MAP: {
                if (!(v instanceof MapValue m)) throw expected("a Map", label, v);
                Class<?> kt = raw(arg(t, 0));
                Type vt = arg(t, 1);
                Map<Object, Object> out = newMap(c, kt, label);
                for (int i = 0; i < m.size(); i++) {
                    trail.key(m.keyAt(i));
                    out.put(key(m.keyAt(i), kt), read(m.valueAt(i), vt));
                    trail.pop();
                }
                return out;
            }
            case JSON_VALUE: case OBJECT: return object(v, c, label);
            default:
                throw trail.error("cannot read a value into " + label + ": " + Kind.whyUnsupported(c));
        }
    }

    static String what(Class<?> c) {
        Kind k = Kind.of(c);
        return switch (k) {
            case BOOL -> "Bool (true or false)";
            case INTEGRAL, ATOMIC_INT, ATOMIC_LONG, BIG_INT -> "a whole number (Int)";
            case FLOATING, BIG_DEC -> "a number (Float or Int)";
            case ENUM -> "one of " + String.join(", ", Names.enums(c).names()) + " (Str)";
            case STRING, CHARSEQ -> "text (Str)";
            case CHAR -> "a single character (Str)";
            case LIST, SET, COLLECTION, ARRAY -> "a List";
            default -> "a Map";
        };
    }

    private long integral(Value v, Class<?> c, String label) {
        long n;
        if (v instanceof IntValue i) n = i.value();
        else if (v instanceof FloatValue f) {
            double d = f.value();
            if (d != Math.rint(d) || Math.abs(d) >= 9.2e18) {
                throw trail.error("expected a whole number (Int) for " + label + ", got " + Names.brief(v)
                        + ", which has a fraction or is too large");
            }
            n = (long) d;
        } else {
            throw expected("a whole number (Int)", label, v);
        }
        long min, max;
        if (c == int.class || c == Integer.class) { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
        else if (c == short.class || c == Short.class) { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
        else if (c == byte.class || c == Byte.class) { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
        else return n;
        if (n < min || n > max) throw trail.error(n + " is out of range for " + label + " (" + min + " to " + max + ")");
        return n;
    }

    private double floating(Value v, String label) {
        if (v instanceof FloatValue f) return f.value();
        if (v instanceof IntValue i) return i.value();
        throw expected("a number (Float or Int)", label, v);
    }

    private String text(Value v, String what, String label) {
        if (v instanceof StrValue s) return s.value();
        throw expected(what, label, v);
    }

    private ListValue list(Value v, String label) {
        if (v instanceof ListValue l) return l;
        throw expected("a List", label, v);
    }

    /** A Value as plain Java: Boolean, Long, Double, String, ArrayList, LinkedHashMap (or null). */
    Object natural(Value v) { return natural(v, trail.size()); }

    private Object natural(Value v, int depth) {
        if (depth > Walker.MAX_DEPTH) throw trail.error("nested deeper than " + Walker.MAX_DEPTH + " levels");
        if (v instanceof BoolValue b) return b.value();
        if (v instanceof IntValue i) return i.value();
        if (v instanceof FloatValue f) return f.value();
        if (v instanceof StrValue s) return s.value();
        if (v instanceof ListValue l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) out.add(natural(l.get(i), depth + 1));
            return out;
        }
        if (v instanceof MapValue m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < m.size(); i++) out.put(m.keyAt(i), natural(m.valueAt(i), depth + 1));
            return out;
        }
        if (v instanceof io.transports.value.SubmodelValue s) return s;
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Collection<Object> newCollection(Class<?> c, Class<?> element, String label) {
        if (EnumSet.class.isAssignableFrom(c)) return (Collection) EnumSet.noneOf((Class) element);
        if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers())) return (Collection<Object>) instance(c, label);
        if (SortedSet.class.isAssignableFrom(c)) return new TreeSet<>();
        if (Set.class.isAssignableFrom(c)) return new LinkedHashSet<>();
        return new ArrayList<>();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<Object, Object> newMap(Class<?> c, Class<?> key, String label) {
        if (EnumMap.class.isAssignableFrom(c)) return new EnumMap(key);
        if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers())) return (Map<Object, Object>) instance(c, label);
        if (SortedMap.class.isAssignableFrom(c) || NavigableMap.class.isAssignableFrom(c)) return new TreeMap<>();
        return new LinkedHashMap<>();
    }

    private Object instance(Class<?> c, String label) {
        try {
            Constructor<?> k = c.getDeclaredConstructor();
            k.trySetAccessible();
            return k.newInstance();
        } catch (ReflectiveOperationException e) {
            throw trail.error("cannot create " + label + ": " + e);
        }
    }

    private Object key(String k, Class<?> kt) {
        if (kt == String.class || kt == Object.class || kt == CharSequence.class) return k;
        try {
            if (kt.isEnum()) {
                Enum<?> e = Names.enums(kt).byName.get(k);
                if (e == null) throw trail.error("unknown key '" + k + "' for " + Names.typeName(kt) + "; expected one of "
                        + String.join(", ", Names.enums(kt).names()));
                return e;
            }
            if (kt == Integer.class) return Integer.valueOf(k);
            if (kt == Long.class) return Long.valueOf(k);
            if (kt == Short.class) return Short.valueOf(k);
            if (kt == Byte.class) return Byte.valueOf(k);
            if (kt == BigInteger.class) return new BigInteger(k);
            if (kt == UUID.class) return UUID.fromString(k);
            if (kt == Boolean.class && (k.equals("true") || k.equals("false"))) return Boolean.valueOf(k);
            if (kt == Character.class && k.length() == 1) return k.charAt(0);
        } catch (IllegalArgumentException e) {
            if (e instanceof BridgeException b) throw b;
            throw trail.error("the key '" + k + "' is not a valid " + Names.typeName(kt));
        }
        throw trail.error("the key '" + k + "' cannot become a " + Names.typeName(kt) + " map key");
    }

    // ---- records and beans

    /** The concrete class a Map value names through the polymorphic type property, checked against {@code c}. */
    Class<?> concrete(MapValue m, Class<?> c) {
        Subtypes st = Subtypes.of(c);
        if (st == null) return c;
        Value tag = m.get(st.property);
        String known = String.join(", ", st.byName.keySet());
        if (tag == null) {
            if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
                throw trail.error("missing the type property '" + st.property + "' for " + Names.typeName(c)
                        + " (one of: " + known + ")");
            }
            return c;
        }
        if (!(tag instanceof StrValue s)) {
            throw trail.error("the type property '" + st.property + "' must be Str (one of: " + known + "), got " + Names.brief(tag));
        }
        Class<?> sub = st.byName.get(s.value());
        if (sub == null || !c.isAssignableFrom(sub)) {
            throw trail.error("unknown type '" + s.value() + "' for " + Names.typeName(c) + " (one of: " + known + ")");
        }
        return sub;
    }

    /** Refuse keys the class does not know (unless it ignores unknown ones). */
    void checkKeys(MapValue m, Shape s) {
        for (int i = 0; i < m.size(); i++) {
            String k = m.keyAt(i);
            if (s.indexOf(k) >= 0 || s.ignoreUnknown || s.ignored.contains(k)) continue;
            if (s.subtypes != null && k.equals(s.subtypes.property)) continue;
            throw trail.error("unknown field '" + k + "' for " + Names.typeName(s.type) + " (its fields: "
                    + String.join(", ", s.keys) + ")");
        }
    }

    /** Read the value of property {@code p}, with messages that name the field. */
    Object readProp(Prop p, Value v) {
        trail.key(p.name);
        label = Names.describe(p.type) + " field '" + p.name + "'";
        Object o = read(v, p.type);
        label = null;
        trail.pop();
        return o;
    }

    Object object(Value v, Class<?> c, String label) {
        if (v instanceof MapValue m) c = concrete(m, c);
        Shape s = Shape.of(c);
        if (s.delegating) {
            Type pt = s.creator.getGenericParameterTypes()[0];
            // a delegating creator that takes its own class (or a chain back to it) would read the same value forever
            int depthBefore = chainDepth, countBefore = chainCount;
            if (chainDepth == trail.size()) chainCount++;
            else {
                chainDepth = trail.size();
                chainCount = 1;
            }
            if (chainCount > Walker.MAX_JSON_VALUE_HOPS) {
                throw trail.error("the @JsonCreator of " + Names.typeName(c) + " delegates through more than "
                        + Walker.MAX_JSON_VALUE_HOPS + " creators in a row at one place (does it take its own class?)");
            }
            try {
                return invoke(s.creator, s, read(v, pt));
            } finally {
                chainDepth = depthBefore;
                chainCount = countBefore;
            }
        }
        if (!(v instanceof MapValue m)) {
            if (Kind.of(c) == Kind.JSON_VALUE) {
                throw trail.error("cannot read " + Names.brief(v) + " back into " + Names.typeName(c)
                        + ": it has @JsonValue but no single-argument @JsonCreator");
            }
            throw expected("a Map (" + Names.typeName(c) + ")", label, v);
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            throw trail.error("cannot create the abstract type " + Names.typeName(c) + "; give it @JsonTypeInfo and @JsonSubTypes");
        }
        if (s.creator == null) {
            throw trail.error("cannot create " + Names.typeName(c)
                    + ": give it a no-argument constructor or a @JsonCreator constructor");
        }
        checkKeys(m, s);
        Prop[] ps = s.props;
        Object[] vals = new Object[ps.length];
        boolean[] present = new boolean[ps.length];
        for (int i = 0; i < ps.length; i++) {
            if (ps[i].kind == 'K') continue;
            Value pv = m.get(ps[i].name);
            if (pv == null && complete) pv = missing(ps[i], s);
            if (pv == null) continue;
            vals[i] = readProp(ps[i], pv);
            present[i] = true;
        }
        Object o;
        boolean[] done = new boolean[ps.length];
        if (s.creatorArgs != null) {
            Class<?>[] pt = s.creator.getParameterTypes();
            Object[] args = new Object[pt.length];
            for (int j = 0; j < pt.length; j++) {
                int i = s.creatorArgs[j];
                args[j] = i >= 0 && present[i] ? vals[i] : defaultOf(pt[j]);
                if (i >= 0) done[i] = true;
            }
            o = invoke(s.creator, s, args);
        } else {
            o = invoke(s.creator, s);
        }
        for (int i = 0; i < ps.length; i++) {
            if (present[i] && !done[i] && ps[i].writable()) {
                trail.key(ps[i].name);
                ps[i].set(o, vals[i]);
                trail.pop();
            }
        }
        return o;
    }

    /**
     * A property missing from a proposal's result: an optional one reads as Null (it becomes empty); any
     * other is refused, as the reference refuses a missing field without a default, rather than
     * silently becoming 0 or null.
     */
    private Value missing(Prop p, Shape s) {
        if (p.optional) return Value.NULL;
        trail.key(p.name);
        BridgeException e = trail.error("Field required: '" + p.name + "' of " + Names.typeName(s.type)
                + " cannot be removed (only Optional properties and those marked @JsonInclude(NON_NULL) may be left out; set it instead)");
        trail.pop();
        throw e;
    }

    static Object defaultOf(Class<?> c) {
        if (!c.isPrimitive()) {
            if (c == Optional.class) return Optional.empty();
            return null;
        }
        if (c == boolean.class) return false;
        if (c == char.class) return '\0';
        if (c == long.class) return 0L;
        if (c == double.class) return 0.0;
        if (c == float.class) return 0f;
        if (c == short.class) return (short) 0;
        if (c == byte.class) return (byte) 0;
        return 0;
    }

    private Object invoke(Executable e, Shape s, Object... args) {
        try {
            if (e instanceof Constructor<?> k) return k.newInstance(args);
            return ((Method) e).invoke(null, args);
        } catch (InvocationTargetException x) {
            Throwable cause = x.getCause();
            throw trail.error(Names.typeName(s.type) + " refused the value: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        } catch (ReflectiveOperationException | IllegalArgumentException x) {
            throw trail.error("cannot create " + Names.typeName(s.type) + ": " + x);
        }
    }
}
