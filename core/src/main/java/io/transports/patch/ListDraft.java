package io.transports.patch;

import io.transports.value.ListValue;
import io.transports.value.Value;

/**
 * A list under edit: a private gap buffer of elements, each either a Value or a {@link Draft} for an
 * element that is itself being edited. Inserts and removals happen at the gap, which moves only as far
 * as the next edit is from the last one, so a patch that edits a list from left to right (as every
 * diff does) costs time linear in the list plus the ops, not one full shift per op. Callers check
 * indexes first.
 */
final class ListDraft implements Draft {
    private Object[] items;
    private int gapStart, gapEnd; // items[gapStart..gapEnd) is free space
    private int size;

    ListDraft(ListValue v) {
        size = v.size();
        items = new Object[size + 8];
        for (int i = 0; i < size; i++) items[i] = v.get(i);
        gapStart = size;
        gapEnd = items.length;
    }

    int size() { return size; }

    private int slot(int i) { return i < gapStart ? i : i + (gapEnd - gapStart); }

    /** A Value or a Draft. */
    Object get(int i) { return items[slot(i)]; }

    void set(int i, Object x) { items[slot(i)] = x; }

    void insert(int i, Value v) {
        if (gapStart == gapEnd) grow();
        moveGap(i);
        items[gapStart++] = v;
        size++;
    }

    void removeAt(int i) {
        moveGap(i);
        items[gapEnd++] = null;
        size--;
    }

    /** Take element from out and put it back so that it sits at index to. */
    void move(int from, int to) {
        Object x = get(from);
        moveGap(from);
        items[gapEnd++] = null;
        moveGap(to);
        items[gapStart++] = x;
    }

    /** new[k] = old[order[k]]; the caller has checked that order is a permutation of 0..size-1. */
    void reorder(Op.Reorder op) {
        Object[] next = new Object[items.length];
        for (int k = 0; k < size; k++) next[k] = get(op.orderAt(k));
        items = next;
        gapStart = size;
        gapEnd = items.length;
    }

    /** Make the gap start at index i. */
    private void moveGap(int i) {
        if (i < gapStart) {
            int n = gapStart - i;
            System.arraycopy(items, i, items, gapEnd - n, n);
            java.util.Arrays.fill(items, i, Math.min(gapStart, gapEnd - n), null);
            gapStart = i;
            gapEnd -= n;
        } else if (i > gapStart) {
            int n = i - gapStart;
            System.arraycopy(items, gapEnd, items, gapStart, n);
            java.util.Arrays.fill(items, Math.max(gapEnd, gapStart + n), gapEnd + n, null);
            gapStart = i;
            gapEnd += n;
        }
    }

    private void grow() {
        int tail = items.length - gapEnd;
        Object[] grown = new Object[items.length + (items.length >> 1) + 8];
        System.arraycopy(items, 0, grown, 0, gapStart);
        System.arraycopy(items, gapEnd, grown, grown.length - tail, tail);
        items = grown;
        gapEnd = grown.length - tail;
    }

    @Override public Value freeze() {
        Value[] out = new Value[size];
        for (int i = 0; i < size; i++) {
            Object x = get(i);
            out[i] = x instanceof Draft d ? d.freeze() : (Value) x;
        }
        return ListValue.wrap(out);
    }

    @Override public String tag() { return "List"; }
}
