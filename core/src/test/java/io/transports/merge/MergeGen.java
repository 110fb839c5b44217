package io.transports.merge;

import io.transports.patch.Apply;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.ListValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random concurrent writes for the merge properties, driven by a seed: each write has its own stamp
 * (no two writes share one — equal stamps are one writer's writes, whose order its connection keeps)
 * and ops that are valid against the value its writer saw.
 */
final class MergeGen {
    /** Origins that sort differently by UTF-16 unit and by code point, and the host's spelling. */
    static final List<String> ORIGINS = List.of("A", "B", "a", "<host>", "\u00e9", "\uD83D\uDE00", "\uFF21");

    private MergeGen() {}

    /** {@code n} distinct stamps with revisions in {@code 0..maxRev}. */
    static List<Stamp> stamps(Random r, int n, int maxRev) {
        List<Stamp> all = new ArrayList<>();
        for (int rev = 0; rev <= maxRev; rev++) for (String o : ORIGINS) all.add(new Stamp(rev, o));
        Collections.shuffle(all, r);
        return all.subList(0, Math.min(n, all.size()));
    }

    static Writes.Write write(Stamp s, List<Op> ops) { return new Writes.Write(new Patch(s.rev(), ops), s); }

    static final Value FLAT = Value.map(Map.of("k0", Value.of(0), "k1", Value.of(0), "k2", Value.of(0), "k3", Value.of(0)));

    /** Sets and Removes of top-level keys. */
    static List<Writes.Write> flatWrites(Random r, int n) {
        List<Writes.Write> out = new ArrayList<>();
        for (Stamp s : stamps(r, n, 3)) {
            List<Op> ops = new ArrayList<>();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                Path p = Path.parse("k" + r.nextInt(4));
                ops.add(r.nextInt(4) == 0 ? new Op.Remove(p) : new Op.Set(p, Value.of(r.nextInt(10))));
            }
            out.add(write(s, ops));
        }
        return out;
    }

    static final Value NESTED = Value.map(Map.of(
            "a", Value.map(Map.of("b", Value.of(0), "c", Value.of(0), "d", Value.map(Map.of("e", Value.of(0))))),
            "z", Value.of(0)));
    static final List<Path> NESTED_PATHS = List.of(Path.ROOT, Path.parse("a"), Path.parse("a", "b"), Path.parse("a", "c"),
            Path.parse("a", "d"), Path.parse("a", "d", "e"), Path.parse("z"));

    /** Sets and Removes at every depth of a nested map, whole-subtree Sets included. */
    static List<Writes.Write> nestedWrites(Random r, int n) {
        List<Writes.Write> out = new ArrayList<>();
        for (Stamp s : stamps(r, n, 3)) {
            List<Op> ops = new ArrayList<>();
            for (int k = 1 + r.nextInt(2); k > 0; k--) {
                Path p = NESTED_PATHS.get(r.nextInt(NESTED_PATHS.size()));
                if (!p.isRoot() && r.nextInt(4) == 0) ops.add(new Op.Remove(p));
                else ops.add(new Op.Set(p, subtree(r, p.size())));
            }
            out.add(write(s, ops));
        }
        return out;
    }

    /** A value for a path at this depth: a map shaped like (part of) the model's there, or a scalar. */
    private static Value subtree(Random r, int depth) {
        int x = r.nextInt(10);
        return switch (depth) {
            case 0 -> Value.map(Map.of("a", Value.map(Map.of("b", Value.of(x))), "z", Value.of(x)));
            case 1 -> r.nextBoolean() ? Value.of(x) : Value.map(r.nextBoolean() ? Map.of("b", Value.of(x), "d", Value.map(Map.of()))
                    : Map.of("c", Value.of(x)));
            case 2 -> r.nextInt(3) == 0 ? Value.map(Map.of("e", Value.of(x))) : Value.of(x);
            default -> Value.of(x);
        };
    }

    /** A list of {@code n} distinct strings. */
    static ListValue baseList(int n) {
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < n; i++) items.add(Value.of("b" + i));
        return ListValue.of(items);
    }

    /**
     * One writer's ops against its view {@code seen}: inserts of values unique to this write ({@code tag}
     * plus a counter), RemoveAt, and — when {@code shuffles} — element Sets, Moves, Reorders; or a whole
     * Set of an edited copy. Returns the ops; {@code intended} receives the list the writer meant.
     */
    static List<Op> listOps(Random r, ListValue seen, String tag, boolean shuffles, List<Value> intended) {
        List<Op> ops = new ArrayList<>();
        Value v = seen;
        int fresh = 0;
        boolean whole = r.nextInt(4) == 0;
        if (whole) {
            List<Value> items = new ArrayList<>(seen.items());
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                if (!items.isEmpty() && r.nextBoolean()) items.remove(r.nextInt(items.size()));
                else items.add(r.nextInt(items.size() + 1), Value.of(tag + fresh++));
            }
            ops.add(new Op.Set(Path.ROOT, ListValue.of(items)));
        } else {
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                int size = ((ListValue) v).size();
                int kind = r.nextInt(shuffles ? 5 : 2);
                Op op;
                if (size == 0 || kind == 0) op = new Op.Insert(Path.ROOT, r.nextInt(size + 1), Value.of(tag + fresh++));
                else if (kind == 1) op = new Op.RemoveAt(Path.ROOT, r.nextInt(size));
                else if (kind == 2) op = new Op.Set(Path.ROOT.index(r.nextInt(size)), Value.of(tag + fresh++));
                else if (kind == 3) op = new Op.Move(Path.ROOT, r.nextInt(size), r.nextInt(size));
                else {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < size; i++) order.add(i);
                    Collections.shuffle(order, r);
                    op = new Op.Reorder(Path.ROOT, order.stream().mapToInt(Integer::intValue).toArray());
                }
                ops.add(op);
                v = Apply.apply(v, List.of(op));
            }
        }
        intended.addAll(((ListValue) Apply.apply(seen, ops)).items());
        return ops;
    }

    /** A writer's whole new text: a few characters inserted or deleted in its view. */
    static String textEdit(Random r, String seen) {
        StringBuilder b = new StringBuilder(seen);
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            if (b.length() > 0 && r.nextInt(3) == 0) b.deleteCharAt(r.nextInt(b.length()));
            else b.insert(r.nextInt(b.length() + 1), (char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

}
