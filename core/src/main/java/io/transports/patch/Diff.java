package io.transports.patch;

import io.transports.value.KeyOrder;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The ops that take one value to another (docs/protocol.md, "Diff"), small and deterministic: equal
 * values give no ops; maps are diffed key by key in wire order (Remove for dropped keys, Set for new
 * ones, recursion for keys in both); a change of variant, or of a scalar, is one Set; lists are
 * reconciled by {@link ListDiff}. Equality checks compare cached hash codes first, so unchanged
 * subtrees cost little and the work stays near-linear in the size of the values.
 *
 * <pre>{@code
 * Value before = Value.map(Map.of("on", Value.of(false)));
 * Value after = Value.map(Map.of("on", Value.of(true)));
 * List<Op> ops = Diff.diff(before, after); // [{"Set":{"path":[{"Key":"on"}],"value":{"Bool":true}}}]
 * }</pre>
 */
public final class Diff {
    /**
     * How deep diff descends into both values before it replaces a changed subtree whole. Values may nest
     * {@link Value#MAX_DEPTH} levels; descending that far would need a deep stack, and changes that deep
     * are rare enough that one Set is the better trade.
     */
    static final int MAX_RECURSION = 256;

    private Diff() {}

    /** Ops such that {@code Apply.apply(a, diff(a, b))} equals {@code b}. */
    public static List<Op> diff(Value a, Value b) {
        Objects.requireNonNull(a, "old value");
        Objects.requireNonNull(b, "new value");
        List<Op> out = new ArrayList<>();
        diff(a, b, Path.ROOT, out);
        return Collections.unmodifiableList(out);
    }

    /** Appends to {@code out} the ops that turn {@code a} into {@code b}, both found at {@code path}. */
    static void diff(Value a, Value b, Path path, List<Op> out) {
        if (same(a, b)) return;
        if (path.size() >= MAX_RECURSION) { // below this depth a changed subtree is one Set: the stack stays short
            out.add(new Op.Set(path, b));
            return;
        }
        if (a instanceof MapValue x && b instanceof MapValue y) {
            diffMaps(x, y, path, out);
        } else if (a instanceof ListValue x && b instanceof ListValue y) {
            ListDiff.diff(x, y, path, out);
        } else {
            out.add(new Op.Set(path, b));
        }
    }

    /** Structural equality, refuted cheaply by the (cached) hash codes. */
    static boolean same(Value a, Value b) {
        return a == b || (a.hashCode() == b.hashCode() && a.equals(b));
    }

    private static void diffMaps(MapValue a, MapValue b, Path path, List<Op> out) {
        int i = 0, j = 0, n = a.size(), m = b.size();
        while (i < n || j < m) {
            int cmp = i == n ? 1 : j == m ? -1 : KeyOrder.INSTANCE.compare(a.keyAt(i), b.keyAt(j));
            if (cmp < 0) {
                out.add(new Op.Remove(path.key(a.keyAt(i++))));
            } else if (cmp > 0) {
                out.add(new Op.Set(path.key(b.keyAt(j)), b.valueAt(j++)));
            } else {
                Value x = a.valueAt(i), y = b.valueAt(j);
                if (!same(x, y)) diff(x, y, path.key(a.keyAt(i)), out);
                i++;
                j++;
            }
        }
    }
}
