package io.transports.merge;

import io.transports.value.IntValue;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing the pieces the strategies' saved states are made of (docs/protocol.md "Merge
 * strategies"): a stamp is the list {@code [rev, origin]} as the reference writes it, a key path the
 * list of its key names. Reading refuses a malformed state with an IllegalArgumentException that names
 * where in the state it went wrong, so a bad checkpoint is never half adopted.
 */
final class StateForm {
    private StateForm() {}

    static Value stamp(Stamp s) { return Value.list(Value.of(s.rev()), Value.of(s.origin())); }

    static Stamp stamp(Value v, String where) {
        ListValue l = list(v, where);
        if (l.size() != 2) throw bad(where, "a stamp is [rev, origin], got " + v);
        return new Stamp(integer(l.get(0), where + "[0]"), text(l.get(1), where + "[1]"));
    }

    static MapValue map(Value v, String where) {
        if (v instanceof MapValue m) return m;
        throw bad(where, "expected a Map, got " + v.tag());
    }

    static ListValue list(Value v, String where) {
        if (v instanceof ListValue l) return l;
        throw bad(where, "expected a List, got " + (v == null ? "nothing" : v.tag()));
    }

    static long integer(Value v, String where) {
        if (v instanceof IntValue i) return i.value();
        throw bad(where, "expected an Int, got " + (v == null ? "nothing" : v.tag()));
    }

    static String text(Value v, String where) {
        if (v instanceof StrValue s) return s.value();
        throw bad(where, "expected a Str, got " + (v == null ? "nothing" : v.tag()));
    }

    /** A path of keys and indexes as a list of Str (key) and Int (index). */
    static Value path(Path p) {
        List<Value> out = new ArrayList<>();
        for (Path.Segment s : p.segments()) {
            out.add(s instanceof Path.Key k ? Value.of(k.name()) : Value.of(((Path.Index) s).index()));
        }
        return ListValue.of(out);
    }

    static Path path(Value v, String where) {
        ListValue l = list(v, where);
        Path p = Path.ROOT;
        for (int i = 0; i < l.size(); i++) {
            Value s = l.get(i);
            if (s instanceof StrValue k) p = p.key(k.value());
            else if (s instanceof IntValue n && n.value() >= 0 && n.value() <= Integer.MAX_VALUE) p = p.index((int) n.value());
            else throw bad(where + "[" + i + "]", "a path step is a Str key or a non-negative Int index, got " + s);
        }
        return p;
    }

    static IllegalArgumentException bad(String where, String why) {
        return new IllegalArgumentException("merge state at " + where + ": " + why);
    }
}
