package io.transports.value;

import java.util.Arrays;
import java.util.List;

/**
 * List: ordered values, {@code {"List": [V, ...]}}. Immutable; {@link #with}, {@link #inserted} and
 * {@link #removed} return a new list that shares every element with this one.
 */
public final class ListValue implements Value {
    public static final ListValue EMPTY = new ListValue(new Value[0]);

    private final Value[] items;
    private final int depth;
    private int hash; // cached; 0 = not computed yet

    private ListValue(Value[] items) {
        this.items = items;
        this.depth = Depth.of(items);
    }

    @Override public int depth() { return depth; }

    /** A list of these values (copied). */
    public static ListValue of(List<? extends Value> items) {
        Value[] a = items.toArray(new Value[0]);
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null) throw new NullPointerException("list element " + i + " is null; use Value.NULL");
        }
        return a.length == 0 ? EMPTY : new ListValue(a);
    }

    /** Takes ownership of the array: the caller must not change it afterwards. */
    public static ListValue wrap(Value[] items) { return items.length == 0 ? EMPTY : new ListValue(items); }

    public int size() { return items.length; }

    public Value get(int index) { return items[index]; }

    /** An unmodifiable view of the elements. */
    public List<Value> items() { return List.of(items); }

    /** A copy of the elements that the caller owns. */
    public Value[] toArray() { return items.clone(); }

    public ListValue with(int index, Value v) {
        if (items[index] == v) return this;
        Value[] a = items.clone();
        a[index] = v;
        return new ListValue(a);
    }

    public ListValue inserted(int index, Value v) {
        Value[] a = new Value[items.length + 1];
        System.arraycopy(items, 0, a, 0, index);
        a[index] = v;
        System.arraycopy(items, index, a, index + 1, items.length - index);
        return new ListValue(a);
    }

    public ListValue removed(int index) {
        Value[] a = new Value[items.length - 1];
        System.arraycopy(items, 0, a, 0, index);
        System.arraycopy(items, index + 1, a, index, items.length - index - 1);
        return new ListValue(a);
    }

    @Override public String tag() { return "List"; }

    @Override public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof ListValue l) || !sameShape(l)) return false;
        if (depth > DeepValues.SHALLOW) return DeepValues.equal(this, l); // no deep recursion
        return Arrays.equals(items, l.items);
    }

    /** Same length and depth, and hashes that do not already tell them apart. */
    boolean sameShape(ListValue l) {
        return l.items.length == items.length && l.depth == depth && (hash == 0 || l.hash == 0 || hash == l.hash);
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

    /** Computes and caches the hash; the elements' hashes are cached already or shallow to compute. */
    void computeHash() {
        int h = Arrays.hashCode(items) * 31 + 1;
        hash = h == 0 ? 1 : h;
    }

    @Override public String toString() { return ValueText.write(this); }
}
