package io.transports.patch;

import io.transports.value.ListValue;
import io.transports.value.Value;

/**
 * A list under edit: a private array of elements, each either a Value or a {@link Draft} for an
 * element that is itself being edited. Insert, RemoveAt, Move and Reorder work in place, so a run of
 * list ops costs array shifts rather than one full list copy per op. Callers check indexes first.
 */
final class ListDraft implements Draft {
    private Object[] items;
    private int size;

    ListDraft(ListValue v) {
        size = v.size();
        items = new Object[size + 4];
        for (int i = 0; i < size; i++) items[i] = v.get(i);
    }

    int size() { return size; }

    /** A Value or a Draft. */
    Object get(int i) { return items[i]; }

    void set(int i, Object x) { items[i] = x; }

    void insert(int i, Value v) {
        if (size == items.length) {
            Object[] grown = new Object[size + (size >> 1) + 4];
            System.arraycopy(items, 0, grown, 0, size);
            items = grown;
        }
        System.arraycopy(items, i, items, i + 1, size - i);
        items[i] = v;
        size++;
    }

    void removeAt(int i) {
        System.arraycopy(items, i + 1, items, i, size - i - 1);
        items[--size] = null;
    }

    /** Take element from out and put it back so that it sits at index to. */
    void move(int from, int to) {
        Object x = items[from];
        if (from < to) System.arraycopy(items, from + 1, items, from, to - from);
        else System.arraycopy(items, to, items, to + 1, from - to);
        items[to] = x;
    }

    /** new[k] = old[order[k]]; the caller has checked that order is a permutation of 0..size-1. */
    void reorder(Op.Reorder op) {
        Object[] next = new Object[items.length];
        for (int k = 0; k < size; k++) next[k] = items[op.orderAt(k)];
        items = next;
    }

    @Override public Value freeze() {
        Value[] out = new Value[size];
        for (int i = 0; i < size; i++) {
            Object x = items[i];
            out[i] = x instanceof Draft d ? d.freeze() : (Value) x;
        }
        return ListValue.wrap(out);
    }

    @Override public String tag() { return "List"; }
}
