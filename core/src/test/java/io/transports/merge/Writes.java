package io.transports.merge;

import io.transports.codec.Json;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;

/** Shorthands for the merge tests: values and writes from their JSON forms, one write with its stamp. */
final class Writes {
    private Writes() {}

    /** A write as the hub hands it to a strategy: the writer's patch and its stamp. */
    record Write(Patch patch, Stamp stamp) {
        Value into(MergeStrategy s, Value v) { return s.merge(v, patch, stamp); }
        @Override public String toString() { return stamp.origin() + "@" + stamp.rev() + " " + patch.ops(); }
    }

    static Value v(String json) { return Json.parseValue(json); }

    static Write w(long rev, String origin, Op... ops) { return new Write(new Patch(rev, List.of(ops)), new Stamp(rev, origin)); }

    static Op set(Value value, Object... path) { return new Op.Set(Path.parse(path), value); }

    static Op remove(Object... path) { return new Op.Remove(Path.parse(path)); }

    static Op insert(int index, Value value, Object... path) { return new Op.Insert(Path.parse(path), index, value); }

    static Op removeAt(int index, Object... path) { return new Op.RemoveAt(Path.parse(path), index); }

    static <T> List<T> reversed(List<T> l) {
        java.util.ArrayList<T> r = new java.util.ArrayList<>(l);
        java.util.Collections.reverse(r);
        return r;
    }

    static Value run(MergeStrategy s, Value start, List<Write> writes) {
        Value v = start;
        for (Write w : writes) v = w.into(s, v);
        return v;
    }
}
