package io.transports.bridge;

import io.transports.patch.Op;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;

/**
 * A minimal op applier for the tracker tests only, so they can check that emitted ops reach the new
 * value whatever list strategy produced them (the real, validating Apply lives in the patch package).
 */
final class Ops {
    private Ops() {}

    static Value apply(Value v, List<Op> ops) {
        for (Op op : ops) v = apply(v, op, 0);
        return v;
    }

    private static Value apply(Value v, Op op, int depth) {
        Path p = op.path();
        boolean slot = op instanceof Op.Set || op instanceof Op.Remove;
        if (depth == p.size() - (slot ? 1 : 0)) {
            if (slot && p.isRoot()) return ((Op.Set) op).value();
            if (op instanceof Op.Set s) {
                Path.Segment last = p.last();
                if (last instanceof Path.Key k) return ((MapValue) v).with(k.name(), s.value());
                return ((ListValue) v).with(((Path.Index) last).index(), s.value());
            }
            if (op instanceof Op.Remove) return ((MapValue) v).without(((Path.Key) p.last()).name());
            ListValue l = (ListValue) v;
            if (op instanceof Op.Insert i) return l.inserted(i.index(), i.value());
            if (op instanceof Op.RemoveAt r) return l.removed(r.index());
            if (op instanceof Op.Move m) {
                Value x = l.get(m.from());
                return l.removed(m.from()).inserted(m.to(), x);
            }
            Op.Reorder r = (Op.Reorder) op;
            Value[] a = new Value[l.size()];
            for (int k = 0; k < a.length; k++) a[k] = l.get(r.orderAt(k));
            return ListValue.wrap(a);
        }
        Path.Segment s = p.get(depth);
        if (s instanceof Path.Key k) {
            MapValue m = (MapValue) v;
            return m.with(k.name(), apply(m.get(k.name()), op, depth + 1));
        }
        ListValue l = (ListValue) v;
        int i = ((Path.Index) s).index();
        return l.with(i, apply(l.get(i), op, depth + 1));
    }
}
