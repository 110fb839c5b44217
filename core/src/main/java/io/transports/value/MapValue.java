package io.transports.value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Map: string-keyed values, {@code {"Map": {"k": V}}}. Keys are kept sorted in wire order
 * ({@link KeyOrder}), so iteration, equality and encoding are canonical. Immutable; {@link #with} and
 * {@link #without} share every untouched entry.
 */
public final class MapValue implements Value {
    public static final MapValue EMPTY = new MapValue(new String[0], new Value[0]);

    private final String[] keys;
    private final Value[] values;
    private int hash;

    private final int depth;

    private MapValue(String[] keys, Value[] values) {
        this.keys = keys;
        this.values = values;
        this.depth = Depth.of(values);
    }

    @Override public int depth() { return depth; }

    public static MapValue of(Map<String, ? extends Value> entries) {
        String[] k = entries.keySet().toArray(new String[0]);
        Arrays.sort(k, KeyOrder.INSTANCE);
        Value[] v = new Value[k.length];
        for (int i = 0; i < k.length; i++) {
            v[i] = entries.get(k[i]);
            if (v[i] == null) throw new NullPointerException("map entry '" + k[i] + "' is null; use Value.NULL");
        }
        return k.length == 0 ? EMPTY : new MapValue(k, v);
    }

    /**
     * Takes ownership of two parallel arrays already sorted in {@link KeyOrder} with distinct keys
     * (the bridge builds them in that order); the caller must not change them afterwards.
     */
    public static MapValue wrapSorted(String[] keys, Value[] values) {
        return keys.length == 0 ? EMPTY : new MapValue(keys, values);
    }

    public int size() { return keys.length; }

    public String keyAt(int i) { return keys[i]; }

    public Value valueAt(int i) { return values[i]; }

    /** Position of the key, or a negative number if absent. */
    public int indexOf(String key) { return Arrays.binarySearch(keys, key, KeyOrder.INSTANCE); }

    public Value get(String key) {
        int i = indexOf(key);
        return i >= 0 ? values[i] : null;
    }

    public boolean containsKey(String key) { return indexOf(key) >= 0; }

    public MapValue with(String key, Value v) {
        int i = indexOf(key);
        if (i >= 0) {
            if (values[i] == v) return this;
            Value[] nv = values.clone();
            nv[i] = v;
            return new MapValue(keys, nv);
        }
        int at = -i - 1;
        String[] nk = new String[keys.length + 1];
        Value[] nv = new Value[keys.length + 1];
        System.arraycopy(keys, 0, nk, 0, at);
        System.arraycopy(values, 0, nv, 0, at);
        nk[at] = key;
        nv[at] = v;
        System.arraycopy(keys, at, nk, at + 1, keys.length - at);
        System.arraycopy(values, at, nv, at + 1, keys.length - at);
        return new MapValue(nk, nv);
    }

    public MapValue without(String key) {
        int i = indexOf(key);
        if (i < 0) return this;
        String[] nk = new String[keys.length - 1];
        Value[] nv = new Value[keys.length - 1];
        System.arraycopy(keys, 0, nk, 0, i);
        System.arraycopy(values, 0, nv, 0, i);
        System.arraycopy(keys, i + 1, nk, i, keys.length - i - 1);
        System.arraycopy(values, i + 1, nv, i, keys.length - i - 1);
        return new MapValue(nk, nv);
    }

    /** An unmodifiable view in wire order. */
    public Map<String, Value> entries() {
        return new AbstractMap<>() {
            @Override public Value get(Object key) { return key instanceof String s ? MapValue.this.get(s) : null; }
            @Override public boolean containsKey(Object key) { return key instanceof String s && MapValue.this.containsKey(s); }
            @Override public int size() { return keys.length; }
            @Override public Set<Entry<String, Value>> entrySet() {
                return new AbstractSet<>() {
                    @Override public int size() { return keys.length; }
                    @Override public Iterator<Entry<String, Value>> iterator() {
                        return new Iterator<>() {
                            int i;
                            @Override public boolean hasNext() { return i < keys.length; }
                            @Override public Entry<String, Value> next() {
                                if (i >= keys.length) throw new NoSuchElementException();
                                int at = i++;
                                return new SimpleImmutableEntry<>(keys[at], values[at]);
                            }
                        };
                    }
                };
            }
        };
    }

    @Override public String tag() { return "Map"; }

    @Override public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof MapValue m) || !sameShape(m)) return false;
        if (depth > DeepValues.SHALLOW) return DeepValues.equal(this, m); // no deep recursion
        return Arrays.equals(values, m.values);
    }

    /** Same keys and depth, and hashes that do not already tell them apart. */
    boolean sameShape(MapValue m) {
        return m.keys.length == keys.length && m.depth == depth && (hash == 0 || m.hash == 0 || hash == m.hash)
                && Arrays.equals(keys, m.keys);
    }

    boolean hashed() { return hash != 0; }

    @Override public int hashCode() {
        int h = hash;
        if (h == 0) {
            if (depth > DeepValues.SHALLOW) DeepValues.fillHashes(this); // children first, without deep recursion
            else computeHash();
            h = hash;
        }
        return h;
    }

    /** Computes and caches the hash; the values' hashes are cached already or shallow to compute. */
    void computeHash() {
        int h = Arrays.hashCode(keys) * 31 + Arrays.hashCode(values);
        hash = h == 0 ? 1 : h;
    }

    @Override public String toString() { return ValueText.write(this); }
}
