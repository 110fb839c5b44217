package io.transports.value;

/**
 * The depth of a new container, checked against {@link Value#MAX_DEPTH} as it is built. Each container
 * knows its own depth, so this looks one level down only and the check costs one pass over the elements.
 */
final class Depth {
    private Depth() {}

    /** 1 + the deepest of the elements; throws when that passes the limit. */
    static int of(Value[] elements) {
        int deepest = 0;
        for (Value v : elements) {
            if (v == null) continue; // refused by the factory that checks for nulls
            int d = v.depth();
            if (d > deepest) deepest = d;
        }
        if (deepest >= Value.MAX_DEPTH) {
            throw new IllegalArgumentException("a Value may nest at most " + Value.MAX_DEPTH
                    + " levels (Value.MAX_DEPTH); this one would nest " + (deepest + 1));
        }
        return deepest + 1;
    }
}
