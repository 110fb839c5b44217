package io.transports.merge;

import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.patch.PatchException;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A last-writer-wins register at every map path (the reference's {@code DeepLwwCrdt}): concurrent
 * edits to different fields, however deep, all survive, and conflicting edits to one field keep the
 * write with the higher {@link Stamp}, whatever the arrival order.
 *
 * <p>The rule, stated so that it cannot depend on arrival order: <em>the value is what replaying every
 * Set and Remove at a map path in stamp order gives</em>, where a Set whose parent is not a map at its
 * turn does nothing and a Remove of an absent key does nothing. Equal stamps are one writer's writes
 * and keep its order. The strategy computes that incrementally: a write is dropped when its path or any
 * ancestor holds a higher stamp (it would be overwritten in the replay); otherwise it is applied and
 * the registers below its path with higher stamps are replayed on top of it, from the values they
 * wrote (kept in the registers, so a later-arriving older parent write cannot lose them).
 *
 * <p>Two cases where the reference, which checks only the exact path, diverges and this converges:
 * <ul>
 *   <li>a Remove of {@code a} followed by an older Set of {@code a.b}: the reference tries the Set and
 *       fails on the missing parent (or, in the other arrival order, keeps nothing either way only by
 *       luck); here the older child write is simply dominated by the newer Remove;</li>
 *   <li>an older Set of the whole map {@code a} arriving after a newer Set of {@code a.b}: the
 *       reference replaces {@code a} and loses the newer {@code a.b} (while the opposite order keeps
 *       it); here the newer field edit is replayed on top, in both orders. A user who edited one field
 *       after someone else saved the whole form expects that edit to stay.</li>
 * </ul>
 * Ops at paths with list indexes, and list ops (Insert, RemoveAt, Move, Reorder), are applied as they
 * arrive, like the reference: they are not field-granular and do not converge ({@link SequenceCrdt}
 * is the strategy for lists). A Set or Remove whose parent is missing where no write ever touched an
 * ancestor (so the path never existed) is refused as bad input, naming the path.
 *
 * <p>State: {@code {"clock": [[[key, ...], [rev, origin]], ...], "registers": [[[key, ...], [rev,
 * origin], "Set", value] or [[key, ...], [rev, origin], "Remove"], ...]}} — {@code clock} is the
 * reference's form; {@code registers} adds what each register wrote. A state with only {@code clock}
 * (from a Python hub) restores too; such a register, when replayed, keeps what the model holds at its
 * path at that moment.
 */
public final class DeepLww implements MergeStrategy {

    /** One map path's register (when its stamp is set) and the registers below it. */
    private static final class Node {
        Stamp stamp;
        boolean known; // false for a register restored from a clock-only state: what it wrote is unknown
        Value value; // what a Set wrote; null for a Remove
        final java.util.TreeMap<String, Node> children = new java.util.TreeMap<>();

        Node child(String key) { return children.computeIfAbsent(key, k -> new Node()); }
    }

    private Node root = new Node();

    @Override public Value merge(Value current, Patch write, Stamp stamp) {
        // a write is all or nothing: its registers are kept only if all of it applies (one op fails
        // before it changes a register, so only a write of several ops needs the copy)
        Node saved = write.ops().size() > 1 ? copy(root) : root;
        try {
            Value v = current;
            List<Op> ops = write.ops();
            for (int i = 0; i < ops.size(); i++) v = mergeOne(v, ops.get(i), i, stamp);
            return v;
        } catch (RuntimeException e) {
            root = saved;
            throw e;
        }
    }

    private Value mergeOne(Value v, Op op, int index, Stamp stamp) {
        List<String> keys = keysOf(op.path());
        if (keys == null || !(op instanceof Op.Set || op instanceof Op.Remove)) {
            return LwwMap.applyOne(v, op, index); // list index or list op: applied as it arrives
        }
        boolean ancestorWritten = false;
        Node n = root;
        if (dominates(n, stamp)) return v;
        for (int d = 0; d < keys.size(); d++) {
            if (n.stamp != null) ancestorWritten = true;
            n = n.children.get(keys.get(d));
            if (n == null) break;
            if (dominates(n, stamp)) return v; // a newer write to this path or above overwrites this one
        }
        Value parent = at(v, keys, keys.size() - 1);
        boolean parentIsMap = keys.isEmpty() || parent instanceof MapValue;
        if (!parentIsMap && !ancestorWritten) {
            return LwwMap.applyOne(v, op, index); // the path never existed: Apply names it and says why
        }
        if (op instanceof Op.Remove && keys.isEmpty()) {
            return LwwMap.applyOne(v, op, index); // Remove at the root: Apply refuses it, naming why
        }
        Node reg = root;
        for (String k : keys) reg = reg.child(k);
        if (op instanceof Op.Remove && reg.stamp == null && !ancestorWritten
                && !((MapValue) parent).containsKey(keys.get(keys.size() - 1))) {
            return LwwMap.applyOne(v, op, index); // removing a key that never existed: refused, named
        }
        // newer writes below this path are replayed on top of this one, oldest first; older ones are
        // dominated by it and dropped. A register restored from a clock-only state has no value: it
        // keeps what the model holds at its path now (or its absence).
        List<Replay> newer = new ArrayList<>();
        prune(reg, stamp, new ArrayList<>(keys), newer);
        newer.sort(Comparator.comparing((Replay r) -> r.node.stamp).thenComparingInt(r -> r.keys.size()));
        List<Value> values = new ArrayList<>(newer.size());
        for (Replay r : newer) values.add(r.node.known ? r.node.value : at(v, r.keys, r.keys.size()));
        reg.stamp = stamp;
        reg.known = true;
        reg.value = op instanceof Op.Set s ? s.value() : null;
        v = write(v, keys, reg.value);
        for (int i = 0; i < newer.size(); i++) v = write(v, newer.get(i).keys, values.get(i));
        return v;
    }

    private static boolean dominates(Node n, Stamp stamp) { return n.stamp != null && n.stamp.compareTo(stamp) > 0; }

    private record Replay(List<String> keys, Node node) {}

    /** Drops registers under {@code n} whose stamps are not above {@code stamp}; collects the newer ones. */
    private static void prune(Node n, Stamp stamp, List<String> keys, List<Replay> newer) {
        var it = n.children.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Node> e = it.next();
            Node c = e.getValue();
            List<String> ck = new ArrayList<>(keys);
            ck.add(e.getKey());
            if (c.stamp != null && c.stamp.compareTo(stamp) <= 0) { c.stamp = null; c.value = null; c.known = false; }
            if (c.stamp != null) newer.add(new Replay(ck, c));
            prune(c, stamp, ck, newer);
            if (c.stamp == null && c.children.isEmpty()) it.remove();
        }
    }

    /** The keys of a path made only of keys, or null when it has a list index. */
    private static List<String> keysOf(Path p) {
        List<String> keys = new ArrayList<>(p.size());
        for (Path.Segment s : p.segments()) {
            if (!(s instanceof Path.Key k)) return null;
            keys.add(k.name());
        }
        return keys;
    }

    /** The value at the first {@code depth} keys, or null when a step is missing or not a map. */
    private static Value at(Value v, List<String> keys, int depth) {
        for (int d = 0; d < depth && v != null; d++) v = v instanceof MapValue m ? m.get(keys.get(d)) : null;
        return v;
    }

    /** Sets the entry at {@code keys} (removes it when {@code value} is null); nothing when its parent is not a map. */
    private static Value write(Value v, List<String> keys, Value value) {
        if (keys.isEmpty()) return value != null ? value : v;
        return write(v, keys, 0, value);
    }

    private static Value write(Value v, List<String> keys, int d, Value value) {
        if (!(v instanceof MapValue m)) return v;
        String k = keys.get(d);
        if (d == keys.size() - 1) return value != null ? m.with(k, value) : m.without(k);
        Value child = m.get(k);
        if (child == null) return v;
        Value next = write(child, keys, d + 1, value);
        return next == child ? v : m.with(k, next);
    }

    private static Node copy(Node n) {
        Node c = new Node();
        c.stamp = n.stamp;
        c.known = n.known;
        c.value = n.value;
        n.children.forEach((k, child) -> c.children.put(k, copy(child)));
        return c;
    }

    @Override public Value state() {
        List<Value> clock = new ArrayList<>(), registers = new ArrayList<>();
        walk(root, new ArrayList<>(), clock, registers);
        return Value.map(Map.of("clock", ListValue.of(clock), "registers", ListValue.of(registers)));
    }

    private static void walk(Node n, List<String> keys, List<Value> clock, List<Value> registers) {
        if (n.stamp != null) {
            Value path = Value.list(keys.stream().map(Value::of).toList());
            clock.add(Value.list(path, StateForm.stamp(n.stamp)));
            Value stamp = StateForm.stamp(n.stamp);
            registers.add(!n.known ? Value.list(path, stamp)
                    : n.value != null ? Value.list(path, stamp, Value.of("Set"), n.value)
                    : Value.list(path, stamp, Value.of("Remove")));
        }
        n.children.forEach((k, c) -> {
            keys.add(k);
            walk(c, keys, clock, registers);
            keys.remove(keys.size() - 1);
        });
    }

    @Override public void restore(Value state) {
        MapValue s = StateForm.map(state, "<root>");
        Node fresh = new Node();
        Value regs = s.get("registers");
        if (regs != null) {
            ListValue l = StateForm.list(regs, "registers");
            for (int i = 0; i < l.size(); i++) {
                String where = "registers[" + i + "]";
                ListValue e = StateForm.list(l.get(i), where);
                if (e.size() < 2 || e.size() > 4) throw StateForm.bad(where, "a register is [path, stamp], [path, stamp, \"Remove\"] or [path, stamp, \"Set\", value]");
                Node n = at(fresh, keys(e.get(0), where + "[0]"));
                n.stamp = StateForm.stamp(e.get(1), where + "[1]");
                n.known = e.size() > 2;
                if (e.size() > 2) {
                    String kind = StateForm.text(e.get(2), where + "[2]");
                    if (!(kind.equals("Set") && e.size() == 4) && !(kind.equals("Remove") && e.size() == 3)) {
                        throw StateForm.bad(where, "a register is [path, stamp, \"Remove\"] or [path, stamp, \"Set\", value], got " + e);
                    }
                    n.value = e.size() == 4 ? e.get(3) : null;
                }
            }
        } else if (s.get("clock") != null) { // the reference's form: stamps only
            ListValue l = StateForm.list(s.get("clock"), "clock");
            for (int i = 0; i < l.size(); i++) {
                String where = "clock[" + i + "]";
                ListValue e = StateForm.list(l.get(i), where);
                if (e.size() != 2) throw StateForm.bad(where, "a clock entry is [path, stamp]");
                Node n = at(fresh, keys(e.get(0), where + "[0]"));
                n.stamp = StateForm.stamp(e.get(1), where + "[1]"); // what it wrote is unknown (known=false)
            }
        }
        root = fresh;
    }

    private static List<String> keys(Value v, String where) {
        ListValue l = StateForm.list(v, where);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) keys.add(StateForm.text(l.get(i), where + "[" + i + "]"));
        return keys;
    }

    private static Node at(Node root, List<String> keys) {
        Node n = root;
        for (String k : keys) n = n.child(k);
        return n;
    }

    @Override public boolean converges() { return true; }

    @Override public String toString() { return "DeepLww"; }
}
