package io.transports.patch;

import io.transports.value.KeyOrder;
import io.transports.value.MapValue;
import io.transports.value.Value;
import java.util.Arrays;
import java.util.HashMap;

/**
 * A map under edit: the original map plus a small table of changed entries (a Value, a {@link Draft},
 * or a removal mark). Nothing is copied until {@link #freeze}, which merges the changes into the
 * sorted key order once, so editing one field of a wide map costs one copy per patch.
 */
final class MapDraft implements Draft {
    private static final Object REMOVED = new Object();

    private final MapValue base;
    private final HashMap<String, Object> changes = new HashMap<>();

    MapDraft(MapValue base) { this.base = base; }

    /** The entry's Value or Draft, or null when the key is absent. */
    Object get(String key) {
        Object c = changes.get(key);
        if (c != null) return c == REMOVED ? null : c;
        return base.get(key);
    }

    void put(String key, Object x) { changes.put(key, x); }

    void remove(String key) { changes.put(key, REMOVED); }

    @Override public Value freeze() {
        String[] changed = changes.keySet().toArray(new String[0]);
        Arrays.sort(changed, KeyOrder.INSTANCE);
        int n = base.size();
        String[] keys = new String[n + changed.length];
        Value[] values = new Value[n + changed.length];
        int i = 0, j = 0, out = 0;
        while (i < n || j < changed.length) {
            int cmp = i == n ? 1 : j == changed.length ? -1 : KeyOrder.INSTANCE.compare(base.keyAt(i), changed[j]);
            if (cmp < 0) {
                keys[out] = base.keyAt(i);
                values[out++] = base.valueAt(i++);
                continue;
            }
            if (cmp == 0) i++; // the change replaces (or removes) the original entry
            Object x = changes.get(changed[j]);
            if (x != REMOVED) {
                keys[out] = changed[j];
                values[out++] = x instanceof Draft d ? d.freeze() : (Value) x;
            }
            j++;
        }
        return MapValue.wrapSorted(Arrays.copyOf(keys, out), Arrays.copyOf(values, out));
    }

    @Override public String tag() { return "Map"; }
}
