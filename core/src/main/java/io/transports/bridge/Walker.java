package io.transports.bridge;

import io.transports.patch.Diff;
import io.transports.patch.Op;
import io.transports.value.FloatValue;
import io.transports.value.IntValue;
import io.transports.value.KeyOrder;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.StrValue;
import io.transports.value.Unicode;
import io.transports.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Walks a live Java object beside its last Value (or beside nothing, to build one) and returns the
 * new Value, sharing every unchanged subtree: an unchanged subtree comes back as the very same
 * instance, so a walk that finds nothing allocates nothing. Where old and new differ it appends ops,
 * with paths from the root, to {@link #ops}.
 *
 * <p>Cheap by construction: per-class {@link Shape}s with method handles that read primitives without
 * boxing; the path is a {@link Trail} of raw segments, turned into a {@link Path} only for an op or an
 * error; cycle checks start only below {@link #CHECK_FROM} levels, where they scan the ancestors. After
 * an exception the walk is simply abandoned (the trail still holds the failing path).
 * One walker serves one thread at a time.
 */
final class Walker {
    static final int MAX_DEPTH = 512;
    /** Graphs shallower than this cannot hide a cycle worth scanning for: a cycle is met again deeper down. */
    static final int CHECK_FROM = 32;

    final Trail trail = new Trail();
    final ArrayList<Op> ops = new ArrayList<>();
    private Object[] stack = new Object[64];
    private int deepest;
    private int quiet; // > 0: a list is rebuilt as a whole and the list diff decides the ops

    /** Walk {@code root} beside {@code old} (null: build fresh, emit nothing). Ops land in {@link #ops}. */
    Value run(Object root, Value old) {
        trail.truncate(0);
        ops.clear();
        quiet = 0;
        deepest = 0;
        last = null;
        try {
            return walk(root, old);
        } catch (Prop.Failure f) {
            throw new BridgeException(trail.path(), f.getMessage(), f.getCause());
        } catch (IllegalStateException e) {
            throw new BridgeException(trail.path(), e.getMessage(), e);
        } finally {
            Arrays.fill(stack, 0, Math.min(deepest + 1, stack.length), null);
        }
    }

    /**
     * The kind, and the shape for mapped classes, of one class: looked up once per class, then kept by
     * each property and each list walk for the class it last saw there, which spares the class lookups.
     */
    static final class Seen {
        final Class<?> type;
        final Kind kind;
        final Shape shape;

        private Seen(Class<?> type) {
            this.type = type;
            this.kind = Kind.of(type);
            this.shape = kind == Kind.OBJECT ? Shape.of(type) : null;
        }
    }

    private static final ClassValue<Seen> SEEN = new ClassValue<>() {
        @Override protected Seen computeValue(Class<?> c) { return new Seen(c); }
    };

    static Seen seen(Class<?> c) { return SEEN.get(c); }

    Value walk(Object o, Value old) {
        if (o == null) return leaf(Value.NULL, old);
        return walk(o, SEEN.get(o.getClass()), old);
    }

    /** Walk a non-null object whose class is {@code seen.type}. */
    private Value walk(Object o, Seen seen, Value old) {
        Class<?> c = seen.type;
        switch (seen.kind) {
            case BOOL: return leaf(Value.of((Boolean) o), old);
            case INTEGRAL: case ATOMIC_INT: case ATOMIC_LONG: return integral(((Number) o).longValue(), old);
            case BIG_INT: {
                BigInteger b = (BigInteger) o;
                if (b.bitLength() > 63) throw trail.error(b + " is out of 64-bit range (an Int is a signed 64-bit integer)");
                return integral(b.longValue(), old);
            }
            case FLOATING: return o instanceof Float f ? floating32(f, old) : floating((Double) o, old);
            case BIG_DEC: {
                double d = ((BigDecimal) o).doubleValue();
                if (Double.isInfinite(d)) throw trail.error(o + " is out of Float range (an IEEE double)");
                return floating(d, old);
            }
            case CHAR: return character((Character) o, old);
            case STRING: return str((String) o, old);
            case CHARSEQ: case UUID: case URI: case TIME: return str(o.toString(), old);
            case ENUM: return leaf(Names.enums(c).values[((Enum<?>) o).ordinal()], old);
            case OPTIONAL: return walk(((Optional<?>) o).orElse(null), old);
            case OPTIONAL_INT: {
                OptionalInt x = (OptionalInt) o;
                return x.isPresent() ? integral(x.getAsInt(), old) : leaf(Value.NULL, old);
            }
            case OPTIONAL_LONG: {
                OptionalLong x = (OptionalLong) o;
                return x.isPresent() ? integral(x.getAsLong(), old) : leaf(Value.NULL, old);
            }
            case OPTIONAL_DOUBLE: {
                OptionalDouble x = (OptionalDouble) o;
                return x.isPresent() ? floating(x.getAsDouble(), old) : leaf(Value.NULL, old);
            }
            case LIST: {
                List<?> l = (List<?>) o;
                return l instanceof RandomAccess ? seq(l, l.size(), old) : seq(l.toArray(), l.size(), old);
            }
            case SET: {
                Set<?> s = (Set<?>) o;
                if (s instanceof SortedSet || s instanceof LinkedHashSet || s instanceof EnumSet) {
                    Object[] a = s.toArray();
                    return seq(a, a.length, old);
                }
                return unorderedSet(s, old);
            }
            case COLLECTION: {
                Object[] a = ((Collection<?>) o).toArray();
                return seq(a, a.length, old);
            }
            case ARRAY:
                if (o instanceof char[] chars) return str(new String(chars), old); // as Jackson: char[] is text
                return seq(o, java.lang.reflect.Array.getLength(o), old);
            case MAP: return map((Map<?, ?>) o, old);
            case JSON_VALUE: return walk(jsonValue(o, c), old);
            case OBJECT: return object(o, seen.shape, old);
            case VALUE: return leaf((Value) o, old);
            default: throw trail.error(Kind.whyUnsupported(c));
        }
    }

    /** How many {@code @JsonValue} methods in a row a value may go through before it must be something else. */
    static final int MAX_JSON_VALUE_HOPS = 64;

    /**
     * What {@code o}'s {@code @JsonValue} chain ends in: follows @JsonValue results that have a
     * @JsonValue of their own, without recursion, and refuses a chain that does not end (a method that
     * returns the object itself, or a new object of its own class every time) instead of overflowing the stack.
     */
    private Object jsonValue(Object o, Class<?> c) {
        Object x = o;
        Class<?> k = c;
        boolean sameClass = true;
        for (int hops = 0; ; hops++) {
            Object next = Kind.jsonValueOf(x);
            if (next == x) throw trail.error("the @JsonValue method of " + Names.typeName(k) + " returns the object itself");
            if (next == null || Kind.of(next.getClass()) != Kind.JSON_VALUE) return next;
            sameClass &= next.getClass() == c;
            if (hops + 1 >= MAX_JSON_VALUE_HOPS) {
                throw trail.error(sameClass
                        ? "the @JsonValue method of " + Names.typeName(c) + " returns another " + Names.typeName(c)
                        + " every time (" + MAX_JSON_VALUE_HOPS + " in a row), so its value never ends; return a plain value"
                        : "@JsonValue methods chained more than " + MAX_JSON_VALUE_HOPS + " times from " + Names.typeName(c)
                        + " (now at " + Names.typeName(next.getClass()) + "); the chain must end in a plain value");
            }
            x = next;
            k = next.getClass();
        }
    }

    // ---- leaves: compare with the old leaf before allocating

    private void emit(Op op) {
        if (quiet == 0) ops.add(op);
    }

    private Value changed(Value nv, Value old) {
        if (old != null) emit(new Op.Set(trail.path(), nv));
        return nv;
    }

    private Value leaf(Value nv, Value old) {
        if (old == null || old == nv) return nv;
        if (old.equals(nv)) return old;
        return changed(nv, old);
    }

    private Value integral(long n, Value old) {
        if (old instanceof IntValue i && i.value() == n) return old;
        return changed(IntValue.of(n), old);
    }

    private Value floating(double d, Value old) {
        if (!Double.isFinite(d)) throw trail.error(notFinite(d));
        if (old instanceof FloatValue f && Double.doubleToLongBits(f.value()) == Double.doubleToLongBits(d)) return old;
        return changed(new FloatValue(d), old);
    }

    /** A float travels as the double with the same shortest decimal form (0.1f becomes 0.1, as in Jackson). */
    private Value floating32(float x, Value old) {
        if (!Float.isFinite(x)) throw trail.error(notFinite(x));
        if (old instanceof FloatValue f && Float.floatToIntBits((float) f.value()) == Float.floatToIntBits(x)) return old;
        return changed(new FloatValue(Double.parseDouble(Float.toString(x))), old);
    }

    static String notFinite(double d) {
        return (Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity")
                + " cannot travel (a Float must be finite; JSON has no NaN or infinity)";
    }

    private Value str(String s, Value old) {
        if (old instanceof StrValue v && v.value().equals(s)) return old;
        int lone = Unicode.loneSurrogate(s); // checked only when the text changed: an unchanged string was checked before
        if (lone >= 0) throw trail.error(Unicode.loneSurrogateReason(s, lone));
        return changed(new StrValue(s), old);
    }

    private Value character(char c, Value old) {
        if (old instanceof StrValue v && v.value().length() == 1 && v.value().charAt(0) == c) return old;
        if (Character.isSurrogate(c)) throw trail.error(Unicode.loneSurrogateReason(String.valueOf(c), 0));
        return changed(new StrValue(String.valueOf(c)), old);
    }

    // ---- containers

    private void enter(Object o) {
        int d = trail.size();
        if (d >= MAX_DEPTH) throw trail.error("nested deeper than " + MAX_DEPTH + " levels");
        if (d >= stack.length) stack = Arrays.copyOf(stack, Math.max(d + 1, stack.length * 2));
        stack[d] = o;
        if (d > deepest) deepest = d;
        if (d >= CHECK_FROM) {
            for (int i = 0; i < d; i++) if (stack[i] == o) throw cycle(d);
        }
    }

    /** Report the first place the walk met an ancestor again, which is the shortest path to see the cycle. */
    private BridgeException cycle(int d) {
        for (int j = 1; j <= d; j++) {
            for (int i = 0; i < j; i++) {
                if (stack[i] == stack[j]) {
                    return new BridgeException(trail.path(j), "cycle: this object is also at " + trail.path(i).display()
                            + " (a Value is a tree; break the cycle or mark the back reference @JsonIgnore)");
                }
            }
        }
        return trail.error("cycle");
    }

    /** The old value was a different variant or shape: build fresh and replace it with one Set. */
    private Value replace(Object o, Value old) {
        Value nv = walk(o, null);
        emit(new Op.Set(trail.path(), nv));
        return nv;
    }

    private Value object(Object o, Shape s, Value old) {
        MapValue om = null;
        if (old != null) {
            if (old instanceof MapValue m && s.sameKeys(m)) om = m;
            else return replace(o, old);
        }
        enter(o);
        Prop[] ps = s.props;
        Value[] nv = om == null ? new Value[ps.length] : null;
        for (int i = 0; i < ps.length; i++) {
            Prop p = ps[i];
            Value ov = om == null ? null : om.valueAt(i);
            trail.key(p.name);
            Value v = switch (p.kind) {
                case 'Z' -> leaf(Value.of(p.getBoolean(o)), ov);
                case 'J' -> integral(p.getLong(o), ov);
                case 'D' -> floating(p.getDouble(o), ov);
                case 'F' -> floating32(p.getFloat(o), ov);
                case 'C' -> character(p.getChar(o), ov);
                case 'K' -> leaf(p.constant, ov);
                default -> {
                    Object x = p.get(o);
                    if (x == null) yield leaf(Value.NULL, ov);
                    Seen seen = p.seen;
                    if (seen == null || seen.type != x.getClass()) p.seen = seen = SEEN.get(x.getClass());
                    yield walk(x, seen, ov);
                }
            };
            trail.pop();
            if (nv == null && v != ov) {
                nv = new Value[ps.length];
                for (int j = 0; j < i; j++) nv[j] = om.valueAt(j);
            }
            if (nv != null) nv[i] = v;
        }
        return nv == null ? om : MapValue.wrapSorted(s.keys, nv);
    }

    /** Element i of a RandomAccess list, an Object[] or a primitive array, walked beside its old value. */
    private Seen last; // the class of the last list element walked (lists are mostly of one class)

    private Value elementObject(Object x, Value ov) {
        if (x == null) return leaf(Value.NULL, ov);
        Seen s = last;
        if (s == null || s.type != x.getClass()) last = s = SEEN.get(x.getClass());
        return walk(x, s, ov);
    }

    private Value element(Object seq, int i, Value ov) {
        if (seq instanceof List<?> l) return elementObject(l.get(i), ov);
        if (seq instanceof Object[] a) return elementObject(a[i], ov);
        if (seq instanceof int[] a) return integral(a[i], ov);
        if (seq instanceof long[] a) return integral(a[i], ov);
        if (seq instanceof double[] a) return floating(a[i], ov);
        if (seq instanceof boolean[] a) return leaf(Value.of(a[i]), ov);
        if (seq instanceof float[] a) return floating32(a[i], ov);
        if (seq instanceof short[] a) return integral(a[i], ov);
        if (seq instanceof byte[] a) return integral(a[i], ov);
        throw trail.error("cannot bridge " + seq.getClass().getName());
    }

    private Value seq(Object seq, int n, Value old) {
        ListValue ol = null;
        if (old != null) {
            if (old instanceof ListValue l) ol = l;
            else return replace(seq, old);
        }
        enter(seq);
        if (ol == null) {
            Value[] a = new Value[n];
            for (int i = 0; i < n; i++) {
                trail.index(i);
                a[i] = element(seq, i, null);
                trail.pop();
            }
            return ListValue.wrap(a);
        }
        if (ol.size() == n) {
            int mark = ops.size();
            int changed = 0;
            Value[] nv = null;
            for (int i = 0; i < n; i++) {
                Value ov = ol.get(i);
                trail.index(i);
                Value v = element(seq, i, ov);
                trail.pop();
                if (v != ov) {
                    changed++;
                    if (nv == null) nv = ol.toArray();
                    nv[i] = v;
                }
            }
            if (nv == null) return ol;
            ListValue nl = ListValue.wrap(nv);
            if (changed > 1) listChanged(ol, nl, mark); // elements may have moved: let the list diff decide
            return nl;
        }
        quiet++;
        Value[] nv = new Value[n];
        for (int i = 0; i < n; i++) {
            trail.index(i);
            nv[i] = element(seq, i, i < ol.size() ? ol.get(i) : null);
            trail.pop();
        }
        quiet--;
        ListValue nl = ListValue.wrap(nv);
        listChanged(ol, nl, ops.size());
        return nl;
    }

    /**
     * Unordered sets (HashSet, Set.of ...) travel as a List sorted by each element's canonical JSON text,
     * so the same set always gives the same value whatever its iteration order.
     */
    private Value unorderedSet(Set<?> s, Value old) {
        if (old != null && !(old instanceof ListValue)) return replace(s, old);
        enter(s);
        Object[] a = s.toArray();
        Value[] v = new Value[a.length];
        for (int i = 0; i < a.length; i++) {
            trail.index(i);
            v[i] = walk(a[i], null);
            trail.pop();
        }
        String[] text = new String[a.length];
        Integer[] order = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            text[i] = v[i].toString();
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> text[x].compareTo(text[y]));
        Value[] sorted = new Value[a.length];
        for (int i = 0; i < a.length; i++) sorted[i] = v[order[i]];
        ListValue nl = ListValue.wrap(sorted);
        if (old == null) return nl;
        if (old.equals(nl)) return old;
        if (quiet == 0) listChanged((ListValue) old, nl, ops.size());
        return nl;
    }

    private Value map(Map<?, ?> m, Value old) {
        MapValue om = null;
        if (old != null) {
            if (old instanceof MapValue x) om = x;
            else return replace(m, old);
        }
        enter(m);
        int n = m.size();
        if (om != null && om.size() == n) {
            int mark = ops.size();
            String[] nk = null;
            Value[] nv = null;
            boolean same = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = keyOf(e.getKey());
                int i = om.indexOf(k);
                if (i < 0) {
                    same = false;
                    break;
                }
                Value ov = om.valueAt(i);
                trail.key(k);
                Value v = walk(e.getValue(), ov);
                trail.pop();
                if (v != ov) {
                    if (nv == null) {
                        nk = new String[n];
                        nv = new Value[n];
                        for (int j = 0; j < n; j++) {
                            nk[j] = om.keyAt(j);
                            nv[j] = om.valueAt(j);
                        }
                    }
                    nv[i] = v;
                }
            }
            if (same) return nv == null ? om : MapValue.wrapSorted(nk, nv);
            truncate(mark);
        }
        TreeMap<String, Object> sorted = new TreeMap<>(KeyOrder.INSTANCE);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = keyOf(e.getKey());
            if (sorted.containsKey(k)) throw trail.duplicateKey(k);
            sorted.put(k, e.getValue());
        }
        String[] nk = new String[sorted.size()];
        Value[] nv = new Value[nk.length];
        int i = 0;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            String k = e.getKey();
            Value ov = om == null ? null : om.get(k);
            trail.key(k);
            nk[i] = k;
            nv[i] = walk(e.getValue(), ov);
            if (om != null && ov == null) emit(new Op.Set(trail.path(), nv[i]));
            trail.pop();
            i++;
        }
        if (om != null) {
            for (int j = 0; j < om.size(); j++) {
                if (!sorted.containsKey(om.keyAt(j))) {
                    trail.key(om.keyAt(j));
                    emit(new Op.Remove(trail.path()));
                    trail.pop();
                }
            }
        }
        return MapValue.wrapSorted(nk, nv);
    }

    private String keyOf(Object k) {
        if (k instanceof String s) {
            int lone = Unicode.loneSurrogate(s);
            if (lone >= 0) throw trail.error("a map key cannot travel: " + Unicode.loneSurrogateReason(s, lone));
            return s;
        }
        if (k instanceof Character c && Character.isSurrogate(c)) {
            throw trail.error("a map key cannot travel: " + Unicode.loneSurrogateReason(c.toString(), 0));
        }
        if (k instanceof Enum<?> e) return Names.enums(e.getClass()).values[e.ordinal()].value();
        if (k instanceof Integer || k instanceof Long || k instanceof Short || k instanceof Byte
                || k instanceof BigInteger || k instanceof Character || k instanceof java.util.UUID
                || k instanceof Boolean) {
            return k.toString();
        }
        if (k == null) throw trail.error("a map key is null; map keys must be strings");
        throw trail.error("a map key of type " + k.getClass().getName()
                + " cannot travel; map keys must be strings, enums or integers");
    }

    private void truncate(int mark) {
        while (ops.size() > mark) ops.remove(ops.size() - 1);
    }

    // ---- lists: the list diff decides the ops

    /**
     * A list changed in length or in more than one element: replace the ops emitted since {@code mark}
     * with the list diff's (moves become Move/Reorder), re-based under the list's path.
     */
    private void listChanged(ListValue ol, ListValue nl, int mark) {
        if (quiet > 0) return;
        Path base = trail.path();
        List<Op> d = Diff.diff(ol, nl);
        truncate(mark);
        for (Op op : d) ops.add(Rebase.under(base, op));
    }
}
