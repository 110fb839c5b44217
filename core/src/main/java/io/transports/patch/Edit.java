package io.transports.patch;

import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;

/**
 * One run of {@link Apply}: checks each op against the value as it stands after the ops before it, and
 * performs it on drafts (copies made on first touch) so the input value is never changed. The first op
 * that does not fit throws a {@link PatchException} naming the op's position, kind and path and the
 * reason; the drafts are then simply dropped.
 */
final class Edit {
    private Object root; // a Value, or a Draft once something under the root was touched
    private int opIndex;
    private Op op;

    Edit(Value start) { this.root = start; }

    Value result() { return root instanceof Draft d ? d.freeze() : (Value) root; }

    void apply(int index, Op op) {
        this.opIndex = index;
        this.op = op;
        if (op == null) throw new PatchException(index, "op " + index + " is null");
        if (op instanceof Op.Set s) {
            checkDepth(s.path().size(), s.value());
            set(s.path(), s.value());
        } else if (op instanceof Op.Remove r) {
            remove(r.path());
        } else if (op instanceof Op.Insert ins) {
            checkDepth(ins.path().size() + 1, ins.value());
            ListDraft list = list(ins.path());
            if (ins.index() < 0 || ins.index() > list.size()) {
                throw fail("index " + ins.index() + " out of range for an insert into a list of " + list.size());
            }
            list.insert(ins.index(), ins.value());
        } else if (op instanceof Op.RemoveAt ra) {
            ListDraft list = list(ra.path());
            checkElement("index", ra.index(), list.size());
            list.removeAt(ra.index());
        } else if (op instanceof Op.Move mv) {
            ListDraft list = list(mv.path());
            checkElement("from", mv.from(), list.size());
            checkElement("to", mv.to(), list.size());
            if (mv.from() != mv.to()) list.move(mv.from(), mv.to());
        } else if (op instanceof Op.Reorder ro) {
            ListDraft list = list(ro.path());
            checkPermutation(ro, list.size());
            list.reorder(ro);
        } else {
            throw fail("unknown op " + op.getClass().getName());
        }
    }

    private void set(Path path, Value value) {
        if (path.isRoot()) {
            root = value;
            return;
        }
        Path.Segment last = path.last();
        if (last instanceof Path.Key k) {
            ((MapDraft) container(path, path.size() - 1, true)).put(k.name(), value);
        } else {
            int i = ((Path.Index) last).index();
            ListDraft list = (ListDraft) container(path, path.size() - 1, false);
            if (i >= list.size()) {
                throw fail("index " + i + " out of range for a list of " + list.size()
                        + " (Set replaces an element; use Insert to add one)");
            }
            list.set(i, value);
        }
    }

    private void remove(Path path) {
        if (path.isRoot()) throw fail("cannot remove the root: Remove needs a path ending in a Key (use Set to replace the model)");
        if (!(path.last() instanceof Path.Key k)) {
            throw fail("Remove needs a path ending in a Key, not an Index (use RemoveAt for list elements)");
        }
        MapDraft map = (MapDraft) container(path, path.size() - 1, true);
        if (map.get(k.name()) == null) {
            throw fail("missing key " + quoted(k.name()) + " in the map at " + prefix(path, path.size() - 1));
        }
        map.remove(k.name());
    }

    private ListDraft list(Path path) { return (ListDraft) container(path, path.size(), false); }

    /**
     * The draft of the container reached by the first {@code len} segments of the path, which must be a
     * map ({@code wantMap}) or a list. Every container on the way becomes a draft, stored back in its
     * parent, so later ops in the same patch find it already copied.
     */
    private Draft container(Path path, int len, boolean wantMap) {
        Object node = root = drafted(root);
        for (int i = 0; i < len; i++) {
            Path.Segment s = path.get(i);
            Object child;
            if (s instanceof Path.Key k) {
                MapDraft map = asMap(node, path, i);
                child = map.get(k.name());
                if (child == null) throw fail("missing key " + quoted(k.name()) + " in the map at " + prefix(path, i));
                Object d = drafted(child);
                if (d != child) map.put(k.name(), d);
                child = d;
            } else {
                int at = ((Path.Index) s).index();
                ListDraft list = asList(node, path, i);
                if (at >= list.size()) {
                    throw fail("index " + at + " out of range for a list of " + list.size() + " at " + prefix(path, i));
                }
                child = list.get(at);
                Object d = drafted(child);
                if (d != child) list.set(at, d);
                child = d;
            }
            node = child;
        }
        return wantMap ? asMap(node, path, len) : asList(node, path, len);
    }

    private MapDraft asMap(Object node, Path path, int len) {
        if (node instanceof MapDraft m) return m;
        throw fail("not a map: the value at " + prefix(path, len) + " is a " + tag(node));
    }

    private ListDraft asList(Object node, Path path, int len) {
        if (node instanceof ListDraft l) return l;
        throw fail("not a list: the value at " + prefix(path, len) + " is a " + tag(node));
    }

    private static Object drafted(Object node) {
        if (node instanceof ListValue l) return new ListDraft(l);
        if (node instanceof MapValue m) return new MapDraft(m);
        return node;
    }

    private void checkElement(String what, int i, int size) {
        if (i < 0 || i >= size) throw fail(what + " " + i + " out of range for a list of " + size);
    }

    private void checkPermutation(Op.Reorder ro, int size) {
        if (ro.length() != size) {
            throw fail("order has " + ro.length() + " entries for a list of " + size + ", so it is not a permutation of 0.." + (size - 1));
        }
        boolean[] seen = new boolean[size];
        for (int k = 0; k < size; k++) {
            int o = ro.orderAt(k);
            if (o < 0 || o >= size) throw fail("order is not a permutation of 0.." + (size - 1) + ": entry " + o + " is out of range");
            if (seen[o]) throw fail("order is not a permutation of 0.." + (size - 1) + ": " + o + " appears twice");
            seen[o] = true;
        }
    }

    /** A value placed inside {@code containers} containers must keep the whole within {@link Value#MAX_DEPTH}. */
    private void checkDepth(int containers, Value v) {
        if (v != null && containers + v.depth() > Value.MAX_DEPTH) {
            throw fail("the value would nest " + (containers + v.depth()) + " levels deep, past the limit of "
                    + Value.MAX_DEPTH + " (Value.MAX_DEPTH)");
        }
    }

    private PatchException fail(String reason) {
        String kind = op == null ? "null" : op.name();
        String where = op == null ? "" : " at " + where(op.path());
        return new PatchException(opIndex, "op " + opIndex + " (" + kind + ")" + where + ": " + reason);
    }

    /** The readable path, followed by its JSON form when keys with '.', '[' or nothing in them make it ambiguous. */
    private static String where(Path path) {
        for (Path.Segment s : path.segments()) {
            if (s instanceof Path.Key k && (k.name().isEmpty() || k.name().indexOf('.') >= 0 || k.name().indexOf('[') >= 0)) {
                return path.display() + " " + path;
            }
        }
        return path.display();
    }

    private static String tag(Object node) { return node instanceof Draft d ? d.tag() : ((Value) node).tag(); }

    private static String prefix(Path path, int len) {
        return len == path.size() ? path.display() : Path.of(path.segments().subList(0, len)).display();
    }

    private static String quoted(String key) { return "'" + key + "'"; }
}
