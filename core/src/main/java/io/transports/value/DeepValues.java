package io.transports.value;

import java.util.ArrayDeque;

/**
 * Hashing and equality of deeply nested values without deep recursion. Shallow values (the common
 * case) take the plain recursive path in {@link ListValue} and {@link MapValue}; past
 * {@link #SHALLOW} levels these loops take over, with an explicit stack on the heap, so even a value
 * of {@link Value#MAX_DEPTH} levels is safe on a small thread stack.
 */
final class DeepValues {
    /** Depth up to which plain recursion is used. */
    static final int SHALLOW = 64;

    private DeepValues() {}

    /** Caches the hash of every container below {@code root}, deepest first, so hashing {@code root} recurses one level. */
    static void fillHashes(Value root) {
        ArrayDeque<Value> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Value v = stack.peek();
            boolean waiting = false;
            for (Value child : children(v)) {
                if (!hashed(child)) {
                    stack.push(child);
                    waiting = true;
                }
            }
            if (!waiting) {
                stack.pop();
                if (v instanceof ListValue l) l.computeHash();
                else if (v instanceof MapValue m) m.computeHash();
            }
        }
    }

    /** Structural equality with an explicit stack of pairs still to compare. */
    static boolean equal(Value a, Value b) {
        ArrayDeque<Value> stack = new ArrayDeque<>();
        stack.push(b);
        stack.push(a);
        while (!stack.isEmpty()) {
            Value x = stack.pop(), y = stack.pop();
            if (x == y) continue;
            if (x instanceof ListValue l && y instanceof ListValue k) {
                if (!l.sameShape(k)) return false;
                for (int i = l.size() - 1; i >= 0; i--) {
                    stack.push(k.get(i));
                    stack.push(l.get(i));
                }
            } else if (x instanceof MapValue m && y instanceof MapValue n) {
                if (!m.sameShape(n)) return false;
                for (int i = m.size() - 1; i >= 0; i--) {
                    stack.push(n.valueAt(i));
                    stack.push(m.valueAt(i));
                }
            } else if (x instanceof ListValue || x instanceof MapValue || !x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hashed(Value v) {
        if (v instanceof ListValue l) return l.hashed();
        if (v instanceof MapValue m) return m.hashed();
        return true;
    }

    private static Iterable<Value> children(Value v) {
        if (v instanceof ListValue l) return l.items();
        if (v instanceof MapValue m) return m.entries().values();
        return java.util.List.of();
    }
}
