package io.transports.bridge;

import io.transports.patch.Op;
import io.transports.value.Path;

/** Moves an op computed for a subtree (paths from the subtree's root) under that subtree's path. */
final class Rebase {
    private Rebase() {}

    static Path join(Path base, Path p) {
        if (p.isRoot()) return base;
        if (base.isRoot()) return p;
        Path.Segment[] s = new Path.Segment[base.size() + p.size()];
        for (int i = 0; i < base.size(); i++) s[i] = base.get(i);
        for (int i = 0; i < p.size(); i++) s[base.size() + i] = p.get(i);
        return Path.of(s);
    }

    static Op under(Path base, Op op) {
        Path p = join(base, op.path());
        if (op instanceof Op.Set x) return new Op.Set(p, x.value());
        if (op instanceof Op.Remove) return new Op.Remove(p);
        if (op instanceof Op.Insert x) return new Op.Insert(p, x.index(), x.value());
        if (op instanceof Op.RemoveAt x) return new Op.RemoveAt(p, x.index());
        if (op instanceof Op.Move x) return new Op.Move(p, x.from(), x.to());
        Op.Reorder r = (Op.Reorder) op;
        return new Op.Reorder(p, r.order());
    }
}
