package io.transports.bench;

import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Value;

/** Counts the nodes of a Value, so the benchmarks can say how big their model really is. */
final class Nodes {
    private Nodes() {}

    static int count(Value v) {
        int n = 1;
        if (v instanceof ListValue l) for (int i = 0; i < l.size(); i++) n += count(l.get(i));
        if (v instanceof MapValue m) for (int i = 0; i < m.size(); i++) n += count(m.valueAt(i));
        return n;
    }
}
