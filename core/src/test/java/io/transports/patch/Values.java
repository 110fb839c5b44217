package io.transports.patch;

import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Test generators of nested Values for the properties: every scalar variant with its edge cases (-0.0,
 * tiny and huge doubles, 64-bit bounds, non-BMP text, keys that sort differently in UTF-16 and code-point
 * order), and a mutator that makes a related second value by random edits at random depths.
 */
final class Values {
    private Values() {}

    static final List<String> KEYS = List.of("", "a", "b", "on", "name", "items", "a.b", "é", "ｚ", "\uFFFD", "😀", "𝄞x", "k\n");

    static final double[] FLOATS = {0.0, -0.0, 1.0, 1.5, -2.5, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-5, 1e21};
    static final long[] INTS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, (1L << 53) + 1, 255, 256, 1023, 1024};
    static final String[] TEXTS = {"", "lamp", "é", "😀", "a\"b", "\u0000\u001f", "line\nbreak", "\uFFFD"};

    /**
     * Nested values up to {@code depth} containers deep, drawn from a seeded {@link Random}. jqwik's
     * own combinators were too slow for nested maps here, so the seed is the generated input.
     */
    static Arbitrary<Value> values(int depth) {
        return Arbitraries.longs().map(seed -> rich(new Random(seed), depth));
    }

    static Value rich(Random r, int depth) {
        int pick = r.nextInt(depth > 0 ? 10 : 6);
        switch (pick) {
            case 0: return Value.NULL;
            case 1: return Value.of(r.nextBoolean());
            case 2: return Value.of(r.nextBoolean() ? INTS[r.nextInt(INTS.length)] : r.nextLong());
            case 3: return Value.of(r.nextBoolean() ? FLOATS[r.nextInt(FLOATS.length)] : r.nextGaussian() * 1e3);
            case 4: return Value.of(r.nextBoolean() ? TEXTS[r.nextInt(TEXTS.length)] : KEYS.get(r.nextInt(KEYS.size())));
            case 5: return Value.submodel(1 + r.nextInt(1 << 20));
            case 6: case 7: {
                List<Value> l = new ArrayList<>();
                for (int i = r.nextInt(6); i > 0; i--) l.add(rich(r, depth - 1));
                return ListValue.of(l);
            }
            default: {
                Map<String, Value> m = new LinkedHashMap<>();
                for (int i = r.nextInt(6); i > 0; i--) m.put(KEYS.get(r.nextInt(KEYS.size())), rich(r, depth - 1));
                return MapValue.of(m);
            }
        }
    }

    /** Lists of small ints (many duplicates), which stress the matching of equal elements. */
    static Arbitrary<ListValue> smallIntLists() {
        return Arbitraries.integers().between(0, 4).map(i -> Value.of((long) i)).list().ofMaxSize(12).map(ListValue::of);
    }

    /** A random small value, for the mutator. */
    static Value random(Random r, int depth) {
        int pick = r.nextInt(depth > 0 ? 9 : 7);
        switch (pick) {
            case 0: return Value.NULL;
            case 1: return Value.of(r.nextBoolean());
            case 2: return Value.of((long) r.nextInt(5));
            case 3: return Value.of(r.nextBoolean() ? -0.0 : r.nextInt(3) / 2.0);
            case 4: return Value.of(KEYS.get(r.nextInt(KEYS.size())));
            case 5: return Value.submodel(1 + r.nextInt(3));
            case 6: return Value.of(r.nextLong());
            case 7: {
                List<Value> l = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) l.add(random(r, depth - 1));
                return ListValue.of(l);
            }
            default: {
                Map<String, Value> m = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) m.put(KEYS.get(r.nextInt(KEYS.size())), random(r, depth - 1));
                return MapValue.of(m);
            }
        }
    }

    /** {@code v} after a few random edits somewhere inside it. */
    static Value mutate(Value v, Random r) {
        for (int n = 1 + r.nextInt(4); n > 0; n--) v = mutateOnce(v, r);
        return v;
    }

    private static Value mutateOnce(Value v, Random r) {
        if (v instanceof ListValue l) {
            if (l.size() > 0 && r.nextInt(3) == 0) {
                int i = r.nextInt(l.size());
                return l.with(i, mutateOnce(l.get(i), r));
            }
            List<Value> x = new ArrayList<>(l.items());
            switch (r.nextInt(6)) {
                case 0: x.add(r.nextInt(x.size() + 1), random(r, 2)); break;
                case 1: if (!x.isEmpty()) x.remove(r.nextInt(x.size())); break;
                case 2: if (!x.isEmpty()) x.add(r.nextInt(x.size()), x.remove(r.nextInt(x.size()))); break;
                case 3: Collections.shuffle(x, r); break;
                case 4: if (!x.isEmpty()) x.set(r.nextInt(x.size()), random(r, 2)); break;
                default: x.add(random(r, 2)); break;
            }
            return ListValue.of(x);
        }
        if (v instanceof MapValue m) {
            if (m.size() > 0 && r.nextInt(3) == 0) {
                String k = m.keyAt(r.nextInt(m.size()));
                return m.with(k, mutateOnce(m.get(k), r));
            }
            switch (r.nextInt(3)) {
                case 0: return m.size() > 0 ? m.without(m.keyAt(r.nextInt(m.size()))) : m;
                case 1: return m.with(KEYS.get(r.nextInt(KEYS.size())), random(r, 2));
                default: return m.size() > 0 ? m.with(m.keyAt(r.nextInt(m.size())), random(r, 2)) : m;
            }
        }
        return random(r, 2);
    }

    /** A structurally equal value that shares no containers with {@code v}. */
    static Value deepCopy(Value v) {
        if (v instanceof ListValue l) {
            List<Value> x = new ArrayList<>();
            for (Value e : l.items()) x.add(deepCopy(e));
            return ListValue.of(x);
        }
        if (v instanceof MapValue m) {
            Map<String, Value> x = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> x.put(k, deepCopy(e)));
            return MapValue.of(x);
        }
        return v;
    }
}
