package io.transports.crdt;

import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reducer's rules over {@link Node} state, one static function per rule of the reference reducer:
 * merging a value written by one dot, materialising the value (removes hide what they observed, deletes
 * hide elements, siblings after one element newest first), the dots a remove must observe, member
 * identity, and compaction. Package-private; {@link CrdtDocument} is the way in.
 */
final class Reducer {
    private Reducer() {}

    // ---- merging a whole value written by one dot ----

    static void merge(Node node, CrdtPolicy policy, Value value, Dot dot) {
        if (node instanceof Node.Reg r && policy instanceof CrdtPolicy.Register) {
            if (r.dot == null || dot.compareTo(r.dot) >= 0) {
                r.value = value;
                r.dot = dot;
            }
        } else if (node instanceof Node.MapNode m && policy instanceof CrdtPolicy.MapPolicy mp) {
            MapValue map = (MapValue) value; // shape checked by checkShape
            for (int i = 0; i < map.size(); i++) {
                String key = map.keyAt(i);
                CrdtPolicy child = mp.child(key);
                Node.Entry e = m.entries.computeIfAbsent(key, k -> new Node.Entry(Node.empty(child)));
                e.dots.add(dot);
                merge(e.node, child, map.valueAt(i), dot);
            }
        } else if (node instanceof Node.SetNode s && policy instanceof CrdtPolicy.SetPolicy sp) {
            for (Value item : ((ListValue) value).items()) {
                Node.Entry e = s.entries.computeIfAbsent(memberKey(sp.keys(), item), k -> new Node.Entry(Node.empty(sp.element())));
                e.dots.add(dot);
                merge(e.node, sp.element(), item, dot);
            }
        } else if (node instanceof Node.Seq q && policy instanceof CrdtPolicy.SequencePolicy qp) {
            List<Value> values = sequenceValues(qp, value);
            insert(q, qp, dot, null, values);
        } else {
            throw new CrdtException("CRDT policy has incompatible reducer state");
        }
    }

    /** The elements a whole sequence value stands for: list items, or one Str per code point. */
    static List<Value> sequenceValues(CrdtPolicy.SequencePolicy qp, Value value) {
        if (!qp.string()) return ((ListValue) value).items();
        String s = ((StrValue) value).value();
        List<Value> chars = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            chars.add(Value.of(s.substring(i, i + n)));
            i += n;
        }
        return chars;
    }

    /** Adjacent elements (dot, 0..n-1) after {@code after}. */
    static void insert(Node.Seq q, CrdtPolicy.SequencePolicy qp, Dot dot, ElementId after, List<Value> values) {
        ElementId predecessor = after;
        for (int i = 0; i < values.size(); i++) {
            ElementId id = new ElementId(dot, i);
            final ElementId pred = predecessor;
            Node.SeqEntry e = q.entries.computeIfAbsent(id, k -> entry(q, k, pred));
            q.value = null;
            place(q, e, pred);
            e.after = predecessor;
            if (e.node == null) e.node = Node.empty(qp.element());
            merge(e.node, qp.element(), values.get(i), dot);
            e.inserted = true;
            predecessor = id;
        }
    }

    /** Refuses a value whose shape cannot merge under the policy (before anything changes). */
    static void checkShape(CrdtPolicy policy, Value value, String at) {
        if (policy instanceof CrdtPolicy.MapPolicy mp) {
            if (!(value instanceof MapValue m)) throw new CrdtException(at + ": map policy requires a map value, got " + value.tag());
            for (int i = 0; i < m.size(); i++) checkShape(mp.child(m.keyAt(i)), m.valueAt(i), at + "." + m.keyAt(i));
        } else if (policy instanceof CrdtPolicy.SetPolicy sp) {
            if (!(value instanceof ListValue l)) throw new CrdtException(at + ": set policy requires a list value, got " + value.tag());
            for (int i = 0; i < l.size(); i++) {
                memberKey(sp.keys(), l.get(i));
                checkShape(sp.element(), l.get(i), at + "[" + i + "]");
            }
        } else if (policy instanceof CrdtPolicy.SequencePolicy qp) {
            if (qp.string()) {
                if (!(value instanceof StrValue)) throw new CrdtException(at + ": string sequence policy requires a string value, got " + value.tag());
            } else {
                if (!(value instanceof ListValue l)) throw new CrdtException(at + ": list sequence policy requires a list value, got " + value.tag());
                for (int i = 0; i < l.size(); i++) checkShape(qp.element(), l.get(i), at + "[" + i + "]");
            }
        }
    }

    /** An element of a string sequence: one Str of exactly one Unicode scalar value. */
    static void checkChar(Value v, String at) {
        if (!(v instanceof StrValue s)) throw new CrdtException(at + ": string sequence element did not materialize as a string");
        String t = s.value();
        if (t.isEmpty() || t.codePointCount(0, t.length()) != 1) {
            throw new CrdtException(at + ": string sequence element must contain one Unicode scalar value, got " + SerdeText.value(v));
        }
    }

    // ---- materialising ----

    static Value materialize(Node node, CrdtPolicy policy) {
        Value v = materialize(node, policy, Collections.emptySet());
        if (v == null) throw new CrdtException("root value is removed");
        return v;
    }

    /** The value, or null where nothing is visible (a register never written or written by a removed dot). */
    static Value materialize(Node node, CrdtPolicy policy, Set<Dot> removed) {
        if (node instanceof Node.Reg r && policy instanceof CrdtPolicy.Register) {
            if (r.dot == null || removed.contains(r.dot)) return null;
            return r.value == null ? Value.NULL : r.value;
        } else if (node instanceof Node.MapNode m && policy instanceof CrdtPolicy.MapPolicy mp) {
            Map<String, Value> out = new HashMap<>();
            for (Map.Entry<String, Node.Entry> en : m.entries.entrySet()) {
                Node.Entry e = en.getValue();
                Set<Dot> rem = union(removed, e.removed);
                boolean visible = false;
                for (Dot d : e.dots) if (!rem.contains(d)) { visible = true; break; }
                if (visible) {
                    Value v = materialize(e.node, mp.child(en.getKey()), rem);
                    out.put(en.getKey(), v == null ? Value.NULL : v);
                }
            }
            return Value.map(out);
        } else if (node instanceof Node.SetNode s && policy instanceof CrdtPolicy.SetPolicy sp) {
            List<Value> out = new ArrayList<>();
            for (Node.Entry e : s.entries.values()) {
                Set<Dot> rem = union(removed, e.removed);
                boolean visible = false;
                for (Dot d : e.dots) if (!rem.contains(d)) { visible = true; break; }
                if (visible) {
                    Value v = materialize(e.node, sp.element(), rem);
                    if (v != null) out.add(v);
                }
            }
            return Value.list(out);
        } else if (node instanceof Node.Seq q && policy instanceof CrdtPolicy.SequencePolicy qp) {
            if (removed.isEmpty() && q.value != null) return q.value;
            List<Node.SeqEntry> order = ordered(q);
            Value result;
            if (qp.string()) {
                StringBuilder b = new StringBuilder(order.size());
                for (Node.SeqEntry e : order) {
                    Value v = visibleElement(q, qp, e, removed);
                    if (v == null) continue;
                    checkChar(v, "sequence element " + e.id);
                    b.append(((StrValue) v).value());
                }
                result = Value.of(b.toString());
            } else {
                List<Value> out = new ArrayList<>(order.size());
                for (Node.SeqEntry e : order) {
                    Value v = visibleElement(q, qp, e, removed);
                    if (v != null) out.add(v);
                }
                result = Value.list(out);
            }
            if (removed.isEmpty()) q.value = result;
            return result;
        }
        throw new CrdtException("CRDT policy has incompatible reducer state");
    }

    private static Value visibleElement(Node.Seq q, CrdtPolicy.SequencePolicy qp, Node.SeqEntry e, Set<Dot> removed) {
        if (e.node == null || e.deleted || removed.contains(e.id.dot())) return null;
        return materialize(e.node, qp.element(), removed);
    }

    private static Set<Dot> union(Set<Dot> a, Set<Dot> b) {
        if (b.isEmpty()) return a;
        if (a.isEmpty()) return b;
        Set<Dot> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** A new entry, marked deleted when a delete of its id came first. */
    static Node.SeqEntry entry(Node.Seq q, ElementId id, ElementId after) {
        Node.SeqEntry e = new Node.SeqEntry(id, after);
        e.deleted = !q.deletes.isEmpty() && q.deletes.containsKey(id);
        return e;
    }

    /**
     * Keeps the cached order in step with one new element, when that is sound: its predecessor is in
     * the order (or it starts the sequence) and has a smaller id, and so has every element before.
     * Then the tree order below equals the classic rule: after the predecessor, skip every element
     * with a larger id, insert before the first with a smaller one. Otherwise the cache is dropped.
     */
    private static void place(Node.Seq q, Node.SeqEntry e, ElementId pred) {
        if (e.inserted) {
            q.order = null; // a re-insert (only from a restored, unusual state): rebuild
            return;
        }
        Node.SeqEntry p = null;
        if (pred != null) {
            p = q.entries.get(pred);
            if (p == null || !p.inserted || pred.compareTo(e.id) >= 0) {
                q.irregular = true;
                q.order = null;
                return;
            }
        }
        if (q.order == null || q.irregular) return;
        ArrayList<Node.SeqEntry> order = q.order;
        int at = 0;
        if (p != null) {
            at = lastIndexOf(order, p) + 1;
            if (at == 0) {
                q.order = null;
                return;
            }
        }
        while (at < order.size() && order.get(at).id.compareTo(e.id) > 0) at++;
        order.add(at, e);
    }

    /** By identity, from the end (typing goes at the end more often than not). */
    private static int lastIndexOf(ArrayList<Node.SeqEntry> order, Node.SeqEntry p) {
        for (int i = order.size() - 1; i >= 0; i--) if (order.get(i) == p) return i;
        return -1;
    }

    /**
     * Element order: depth first from the start; the children of one element (inserted right after it)
     * newest id first; elements whose predecessor is unknown follow, in id order.
     */
    static List<Node.SeqEntry> ordered(Node.Seq q) {
        if (q.order != null && !q.irregular) return q.order;
        List<Node.SeqEntry> roots = new ArrayList<>();
        Map<ElementId, List<Node.SeqEntry>> children = new HashMap<>();
        for (Node.SeqEntry e : q.entries.values()) {
            if (!e.inserted) continue;
            if (e.after == null) roots.add(e);
            else children.computeIfAbsent(e.after, k -> new ArrayList<>(2)).add(e);
        }
        ArrayList<Node.SeqEntry> ordered = new ArrayList<>(q.entries.size() + 16);
        Set<Node.SeqEntry> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        descend(roots, children, visited, ordered);
        int reached = ordered.size();
        if (ordered.size() < q.entries.size()) {
            for (Node.SeqEntry e : q.entries.values()) {
                if (e.inserted && visited.add(e)) {
                    ordered.add(e);
                    List<Node.SeqEntry> c = children.get(e.id);
                    if (c != null) descend(c, children, visited, ordered);
                }
            }
        }
        q.irregular = ordered.size() > reached; // some element's predecessor is unknown: keep rebuilding
        if (!q.irregular) {
            for (Map.Entry<ElementId, Node.SeqEntry> en : q.entries.entrySet()) {
                ElementId after = en.getValue().after;
                if (en.getValue().inserted && after != null && after.compareTo(en.getKey()) >= 0) { q.irregular = true; break; }
            }
        }
        q.order = ordered;
        return ordered;
    }

    private static void descend(List<Node.SeqEntry> start, Map<ElementId, List<Node.SeqEntry>> children, Set<Node.SeqEntry> visited, List<Node.SeqEntry> ordered) {
        ArrayList<Node.SeqEntry> stack = new ArrayList<>(start);
        while (!stack.isEmpty()) {
            Node.SeqEntry e = stack.remove(stack.size() - 1);
            if (visited.add(e)) {
                ordered.add(e);
                List<Node.SeqEntry> c = children.get(e.id);
                if (c != null) stack.addAll(c);
            }
        }
    }

    /** The ids a positional splice counts: in order, not deleted (a removed ancestor does not matter here). */
    static List<ElementId> visibleIds(Node.Seq q) { return visibleIds(q, Integer.MAX_VALUE); }

    /** The first {@code upTo} of them (all of them when there are fewer): a splice near the start reads little. */
    static List<ElementId> visibleIds(Node.Seq q, int upTo) {
        List<Node.SeqEntry> order = ordered(q);
        List<ElementId> out = new ArrayList<>(Math.min(order.size(), Math.max(upTo, 0)));
        for (int i = 0; i < order.size() && out.size() < upTo; i++) {
            Node.SeqEntry e = order.get(i);
            if (!e.deleted) out.add(e.id);
        }
        return out;
    }

    // ---- what a remove observes ----

    static TreeSet<Dot> liveDots(Node node) {
        TreeSet<Dot> out = new TreeSet<>();
        liveDots(node, out);
        return out;
    }

    private static void liveDots(Node node, TreeSet<Dot> out) {
        if (node instanceof Node.Reg r) {
            if (r.dot != null) out.add(r.dot);
        } else if (node instanceof Node.MapNode m) {
            for (Node.Entry e : m.entries.values()) {
                if (e.visible()) {
                    out.addAll(e.dots);
                    liveDots(e.node, out);
                }
            }
        } else if (node instanceof Node.SetNode s) {
            for (Node.Entry e : s.entries.values()) {
                TreeSet<Dot> active = e.activeAdds();
                if (!active.isEmpty()) {
                    out.addAll(active);
                    liveDots(e.node, out);
                }
            }
        } else if (node instanceof Node.Seq q) {
            for (Map.Entry<ElementId, Node.SeqEntry> en : q.entries.entrySet()) {
                if (en.getValue().inserted && !q.deletes.containsKey(en.getKey())) out.add(en.getKey().dot());
            }
        }
    }

    // ---- set member identity ----

    /** The member key: the whole tagged value's text, or the list of (key path, value) pairs. */
    static String memberKey(List<List<String>> keys, Value value) {
        if (keys.isEmpty()) return SerdeText.value(value);
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < keys.size(); k++) {
            List<String> path = keys.get(k);
            Value v = value;
            for (String segment : path) {
                if (!(v instanceof MapValue m)) throw new CrdtException("set key path " + path + " descends through a non-map value");
                v = m.get(segment);
                if (v == null) throw new CrdtException("set key path " + path + " is missing segment \"" + segment + "\"");
            }
            if (k > 0) b.append(',');
            b.append("[[");
            for (int i = 0; i < path.size(); i++) {
                if (i > 0) b.append(',');
                SerdeText.quote(path.get(i), b);
            }
            b.append("],");
            SerdeText.value(v, b);
            b.append(']');
        }
        return b.append(']').toString();
    }

    // ---- compaction ----

    static boolean covered(Dot dot, Map<String, Long> frontier) {
        if (dot.replica().equals(Dot.INIT_REPLICA)) return true;
        Long c = frontier.get(dot.replica());
        return c != null && c >= dot.counter();
    }

    static int compact(Node node, CrdtPolicy policy, Map<String, Long> frontier) {
        int n = 0;
        if (node instanceof Node.MapNode m && policy instanceof CrdtPolicy.MapPolicy mp) {
            for (Map.Entry<String, Node.Entry> en : m.entries.entrySet()) n += compact(en.getValue().node, mp.child(en.getKey()), frontier);
            n += dropRemoved(m.entries, true, frontier);
        } else if (node instanceof Node.SetNode s && policy instanceof CrdtPolicy.SetPolicy sp) {
            for (Node.Entry e : s.entries.values()) n += compact(e.node, sp.element(), frontier);
            n += dropRemoved(s.entries, false, frontier);
        } else if (node instanceof Node.Seq q && policy instanceof CrdtPolicy.SequencePolicy qp) {
            q.value = null;
            for (Map.Entry<ElementId, Node.SeqEntry> en : q.entries.entrySet()) {
                Node.SeqEntry e = en.getValue();
                if (e.node == null) continue;
                n += compact(e.node, qp.element(), frontier);
                TreeSet<Dot> deleters = q.deletes.get(en.getKey());
                if (deleters != null && covered(en.getKey().dot(), frontier) && deleters.stream().allMatch(d -> covered(d, frontier))) {
                    e.node = null;
                    n++;
                }
            }
        }
        return n;
    }

    /** Drops entries that are hidden and whose every remove is causally stable. */
    private static int dropRemoved(TreeMap<String, Node.Entry> entries, boolean map, Map<String, Long> frontier) {
        int before = entries.size();
        entries.values().removeIf(e -> {
            boolean shown = map ? e.visible() : !e.activeAdds().isEmpty();
            return !shown && !e.removalOps.isEmpty() && e.removalOps.stream().allMatch(d -> covered(d, frontier));
        });
        return before - entries.size();
    }
}
