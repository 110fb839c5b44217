package io.transports.crdt;

import io.transports.patch.Diff;
import io.transports.patch.Patch;
import io.transports.value.KeyOrder;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One replica of a schema-directed CRDT document: the reducer of the reference (Python {@code transports}
 * 0.10.0), so replicas that apply the same operations in any order and any number of times reach the same
 * {@link #value()} and the same {@link #stateJson()} bytes as each other and as the reference.
 *
 * <pre>{@code
 * CrdtSpec spec = CrdtSpec.of(CrdtPolicy.text());
 * CrdtDocument alice = new CrdtDocument(spec, Value.of(""), "alice");
 * CrdtDocument bob = CrdtDocument.fromState(spec, alice.stateJson(), "bob");
 * List<CrdtOp> a = alice.insertText(List.of(), 0, "hi");
 * List<CrdtOp> b = bob.insertText(List.of(), 0, "!");
 * alice.apply(b);
 * bob.apply(a);   // alice.value().equals(bob.value())
 * }</pre>
 *
 * <p>Every call is atomic: an operation that does not fit the spec, or a dot reused with other content,
 * is refused with a {@link CrdtException} and the document stays as it was. Not thread-safe: one owner
 * (a session, a client mirror) serialises calls.
 */
public final class CrdtDocument {
    private final CrdtSpec spec;
    private final String replica;
    private long counter;
    /** The causal context: per replica, every counter up to this one has been seen (compacted)... */
    final TreeMap<String, Long> compacted;
    /** ...and these dots beyond it, each with its operation's fingerprint. */
    final TreeMap<Dot, String> fingerprints;
    Node root;
    private Value value; // the materialised value, null when stale

    /** A new document holding {@code initial} (written by the reserved dot {@code (0, "$init")}). */
    public CrdtDocument(CrdtSpec spec, Value initial, String replica) {
        this(spec, replica, new TreeMap<>(KeyOrder.INSTANCE), new TreeMap<>(), Node.empty(spec.root()));
        Reducer.checkShape(spec.root(), initial, "initial value");
        Reducer.merge(root, spec.root(), initial, Dot.INITIAL);
        value(); // a string sequence with a bad element fails here, before anyone holds the document
    }

    CrdtDocument(CrdtSpec spec, String replica, TreeMap<String, Long> compacted, TreeMap<Dot, String> fingerprints, Node root) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (replica == null || replica.isEmpty() || replica.equals(Dot.INIT_REPLICA)) {
            throw new CrdtException("replica identifier must be non-empty and cannot be reserved $init");
        }
        this.replica = replica;
        this.compacted = compacted;
        this.fingerprints = fingerprints;
        this.root = root;
        this.counter = maxCounter();
    }

    /**
     * Restores a transferred state (from {@link #stateJson()} of any replica) under this replica's id.
     * @throws CrdtException when the state is of another spec or version, or malformed (naming where)
     */
    public static CrdtDocument fromState(CrdtSpec spec, String stateJson, String replica) {
        return StateJson.read(spec, stateJson, replica);
    }

    /** Restores a state given as a Jackson tree (the {@code state} of a {@code crdt_snapshot}). */
    public static CrdtDocument fromState(CrdtSpec spec, com.fasterxml.jackson.databind.JsonNode state, String replica) {
        return StateJson.read(spec, state, replica);
    }

    public CrdtSpec spec() { return spec; }

    public String replica() { return replica; }

    /** The current materialised value. */
    public Value value() {
        if (value == null) value = Reducer.materialize(root, spec.root());
        return value;
    }

    /** The transferable state, byte for byte what the reference writes for the same history. */
    public String stateJson() { return StateJson.write(this); }

    /** Whether this replica has seen the operation with {@code dot}. */
    public boolean hasSeen(Dot dot) {
        Long c = compacted.get(dot.replica());
        return (c != null && c >= dot.counter()) || fingerprints.containsKey(dot);
    }

    /** Per replica, the highest counter seen contiguously from 1: a frontier this replica could offer for compaction. */
    public Map<String, Long> contiguousFrontier() {
        Map<String, Long> out = new TreeMap<>(KeyOrder.INSTANCE);
        out.putAll(compacted);
        for (Dot d : fingerprints.keySet()) {
            long have = out.getOrDefault(d.replica(), 0L);
            if (d.counter() == have + 1) out.put(d.replica(), d.counter());
        }
        return out;
    }

    // ---- applying remote operations ----

    /**
     * Applies operations idempotently: new ones change the state, ones already seen are skipped (a seen
     * dot with other content is refused). Returns the effect: the patch from the value before to the
     * value after, a delta per operation that changed the value, and the number of new operations.
     */
    public CrdtEffect apply(List<CrdtOp> ops) { return apply(ops, true); }

    /**
     * As {@link #apply} but without computing deltas and patch (the hot path of a mirror that reads
     * {@link #value()} afterwards); returns how many operations were new.
     */
    public int merge(List<CrdtOp> ops) { return apply(ops, false).applied(); }

    private CrdtEffect apply(List<CrdtOp> ops, boolean effect) {
        List<CrdtOp> fresh = new ArrayList<>(ops.size());
        List<String> freshPrints = new ArrayList<>(ops.size());
        Map<Dot, String> batch = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            CrdtOp op = ops.get(i);
            op.dot().requireOperationDot();
            String print = fingerprint(op);
            if (hasSeen(op.dot()) || batch.containsKey(op.dot())) {
                String seen = batch.containsKey(op.dot()) ? batch.get(op.dot()) : fingerprints.get(op.dot());
                if (seen != null && !seen.equals(print)) {
                    throw new CrdtException("ops[" + i + "]: operation dot " + op.dot() + " was reused with different content");
                }
                continue;
            }
            try {
                check(op);
            } catch (CrdtException e) {
                throw new CrdtException("ops[" + i + "] (" + op.kind() + " " + op.dot() + "): " + e.getMessage(), e);
            }
            batch.put(op.dot(), print);
            fresh.add(op);
            freshPrints.add(print);
        }
        Value before = effect ? value() : null;
        Value current = before;
        List<CrdtDelta> deltas = new ArrayList<>();
        long counterBefore = counter;
        Snapshot undo = null; // taken only when some op may show an element that is not one character
        for (CrdtOp op : fresh) {
            if (notOneCharacter(op)) {
                value(); // a batch is checked against a valid value
                undo = new Snapshot(this);
                break;
            }
        }
        for (int i = 0; i < fresh.size(); i++) {
            CrdtOp op = fresh.get(i);
            if (undo == null) applyOne(op);
            else {
                try {
                    applyChecked(op, undo, counterBefore);
                } catch (CrdtException e) {
                    throw new CrdtException("ops[" + ops.indexOf(op) + "] (" + op.kind() + " " + op.dot() + "): " + e.getMessage(), e);
                }
            }
            fingerprints.put(op.dot(), freshPrints.get(i));
            counter = Math.max(counter, op.dot().counter());
            value = null;
            if (effect) {
                Value after = value();
                if (!after.equals(current)) {
                    deltas.add(delta(op));
                    current = after;
                }
            }
        }
        return new CrdtEffect(new Patch(0, effect ? Diff.diff(before, current) : List.of()), deltas, fresh.size());
    }

    // ---- local edits ----

    /** Turns local edits into operations with this replica's next dots, applies them, and returns both. */
    public CrdtChange mutate(List<CrdtMutation> mutations) { return mutate(mutations, true); }

    /**
     * As {@link #mutate} but returns only the operations, without the effect (the hot path of an editor:
     * read {@link #value()} when needed).
     */
    public List<CrdtOp> edit(List<CrdtMutation> mutations) { return mutate(mutations, false).ops(); }

    private CrdtChange mutate(List<CrdtMutation> mutations, boolean effect) {
        Snapshot undo = mutations.size() > 1 ? new Snapshot(this) : null;
        long counterBefore = counter;
        Value before = effect ? value() : null;
        Value current = before;
        List<CrdtOp> out = new ArrayList<>();
        List<CrdtDelta> deltas = new ArrayList<>();
        try {
            for (int m = 0; m < mutations.size(); m++) {
                List<CrdtOp> ops;
                try {
                    ops = operationsFor(mutations.get(m));
                    for (CrdtOp op : ops) check(op);
                } catch (CrdtException e) {
                    throw new CrdtException("mutations[" + m + "]: " + e.getMessage(), e);
                }
                if (undo == null && ops.stream().anyMatch(this::notOneCharacter)) undo = new Snapshot(this);
                for (CrdtOp op : ops) {
                    if (undo != null && notOneCharacter(op)) {
                        try {
                            applyChecked(op, undo, counterBefore);
                        } catch (CrdtException e) {
                            throw new CrdtException("mutations[" + m + "]: " + e.getMessage(), e);
                        }
                    } else applyOne(op);
                    fingerprints.put(op.dot(), fingerprint(op));
                    value = null;
                    if (effect) {
                        Value after = value();
                        if (!after.equals(current)) {
                            deltas.add(delta(op));
                            current = after;
                        }
                    }
                    out.add(op);
                }
            }
        } catch (RuntimeException e) {
            counter = counterBefore;
            if (undo != null) undo.restore(this);
            value = null;
            throw e;
        }
        return new CrdtChange(out, new CrdtEffect(new Patch(0, effect ? Diff.diff(before, current) : List.of()), deltas, out.size()));
    }

    public CrdtChange mutate(CrdtMutation... mutations) { return mutate(List.of(mutations)); }

    /** Sets the register at {@code path} (a field of a map: {@code [key("title")]}); returns the operations to send. */
    public List<CrdtOp> set(List<PathSegment> path, Value v) { return edit(List.of(new CrdtMutation.RegisterSet(path, v))); }

    /** Inserts {@code text} at code-point {@code index} of the string sequence at {@code path}; returns the operations to send. */
    public List<CrdtOp> insertText(List<PathSegment> path, int index, String text) {
        return edit(List.of(new CrdtMutation.SequenceSplice(path, index, 0, chars(text))));
    }

    /** Deletes {@code count} code points from {@code index} of the string sequence at {@code path}; returns the operations to send. */
    public List<CrdtOp> deleteText(List<PathSegment> path, int index, int count) {
        return edit(List.of(new CrdtMutation.SequenceSplice(path, index, count, List.of())));
    }

    /** Positional splice of the sequence at {@code path}: delete {@code deleteCount} from {@code index}, insert {@code values}. */
    public List<CrdtOp> splice(List<PathSegment> path, int index, int deleteCount, List<Value> values) {
        return edit(List.of(new CrdtMutation.SequenceSplice(path, index, deleteCount, values)));
    }

    private static List<Value> chars(String text) {
        List<Value> out = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> out.add(Value.of(new String(Character.toChars(cp)))));
        return out;
    }

    /** The identity of {@code member} in the set at {@code path} (what a set_remove and a member path name). */
    public String memberKey(List<PathSegment> path, Value member) {
        if (!(Paths.policyAt(spec.root(), path).policy() instanceof CrdtPolicy.SetPolicy sp)) {
            throw new CrdtException("path does not address a set policy");
        }
        return Reducer.memberKey(sp.keys(), member);
    }

    /**
     * Discards metadata that every replica has seen: dots at or below the frontier leave the causal
     * context, removed map entries and set members whose removes are covered disappear, and deleted
     * sequence elements keep only their id (later inserts may still anchor on it). Returns how many
     * entries were discarded.
     * @throws CrdtException when this replica has not seen every dot up to the frontier
     */
    public int compact(Map<String, Long> frontier) {
        for (Map.Entry<String, Long> f : frontier.entrySet()) {
            long done = compacted.getOrDefault(f.getKey(), 0L);
            long want = f.getValue();
            if (want > done) {
                long observed = fingerprints.keySet().stream()
                        .filter(d -> d.replica().equals(f.getKey()) && d.counter() > done && d.counter() <= want).count();
                if (observed != want - done) {
                    throw new CrdtException("compaction frontier " + f.getKey() + ":" + want
                            + " is not covered by contiguous observed dots after " + done);
                }
            }
        }
        int n = Reducer.compact(root, spec.root(), frontier);
        for (Map.Entry<String, Long> f : frontier.entrySet()) compacted.merge(f.getKey(), f.getValue(), Math::max);
        fingerprints.keySet().removeIf(d -> Reducer.covered(d, frontier));
        value = null;
        return n;
    }

    // ---- internals ----

    long maxCounter() {
        long max = 0;
        for (Dot d : fingerprints.keySet()) max = Math.max(max, d.counter());
        for (long c : compacted.values()) max = Math.max(max, c);
        return max;
    }

    private Dot nextDot() {
        counter++; // counter is already at least every counter seen (apply and restore keep it so)
        return new Dot(counter, replica);
    }

    static String fingerprint(CrdtOp op) {
        StringBuilder b = new StringBuilder(128);
        CrdtJson.writeTagged(op, b);
        return SerdeText.sha256(b.toString());
    }

    private List<CrdtOp> operationsFor(CrdtMutation m) {
        if (m instanceof CrdtMutation.SequenceSplice s) {
            Paths.Found found = Paths.find(root, spec.root(), s.path());
            if (!(found.policy() instanceof CrdtPolicy.SequencePolicy) || !(found.node() instanceof Node.Seq q)) {
                throw new CrdtException("sequence_splice path does not address a sequence");
            }
            long end = (long) s.index() + s.deleteCount();
            // the visible ids up to the end of the splice: the one before it and the deleted ones
            List<ElementId> ids = Reducer.visibleIds(q, (int) Math.min(end, Integer.MAX_VALUE));
            if (s.index() > ids.size()) throw new CrdtException("sequence splice index " + s.index() + " out of bounds (len " + ids.size() + ")");
            if (end > ids.size()) {
                throw new CrdtException("sequence splice delete range " + s.index() + ".." + end + " out of bounds (len " + ids.size() + ")");
            }
            ElementId after = s.index() == 0 ? null : ids.get(s.index() - 1);
            List<CrdtOp> ops = new ArrayList<>(2);
            if (s.deleteCount() > 0) ops.add(new CrdtOp.SequenceDelete(nextDot(), s.path(), List.copyOf(ids.subList(s.index(), (int) end))));
            if (!s.values().isEmpty()) ops.add(new CrdtOp.SequenceInsert(nextDot(), s.path(), after, s.values()));
            return ops;
        }
        Dot dot = nextDot();
        if (m instanceof CrdtMutation.RegisterSet r) return List.of(new CrdtOp.RegisterSet(dot, r.path(), r.value()));
        if (m instanceof CrdtMutation.MapSet r) return List.of(new CrdtOp.MapSet(dot, r.path(), r.key(), r.value()));
        if (m instanceof CrdtMutation.MapRemove r) {
            Paths.Found found = Paths.find(root, spec.root(), r.path());
            if (!(found.policy() instanceof CrdtPolicy.MapPolicy) || !(found.node() instanceof Node.MapNode map)) {
                throw new CrdtException("map_remove path does not address a map");
            }
            Node.Entry e = map.entries.get(r.key());
            TreeSet<Dot> removed = new TreeSet<>();
            if (e != null) {
                removed.addAll(e.dots);
                removed.addAll(Reducer.liveDots(e.node));
            }
            return List.of(new CrdtOp.MapRemove(dot, r.path(), r.key(), new ArrayList<>(removed)));
        }
        if (m instanceof CrdtMutation.SetAdd r) return List.of(new CrdtOp.SetAdd(dot, r.path(), r.value()));
        if (m instanceof CrdtMutation.SetRemove r) {
            Paths.Found found = Paths.find(root, spec.root(), r.path());
            if (!(found.policy() instanceof CrdtPolicy.SetPolicy) || !(found.node() instanceof Node.SetNode set)) {
                throw new CrdtException("set_remove path does not address a set");
            }
            Node.Entry e = set.entries.get(r.key());
            TreeSet<Dot> removed = new TreeSet<>();
            if (e != null) {
                removed.addAll(e.dots);
                removed.addAll(Reducer.liveDots(e.node));
            }
            return List.of(new CrdtOp.SetRemove(dot, r.path(), r.key(), new ArrayList<>(removed)));
        }
        if (m instanceof CrdtMutation.SequenceInsert r) return List.of(new CrdtOp.SequenceInsert(dot, r.path(), r.after(), r.values()));
        CrdtMutation.SequenceDelete r = (CrdtMutation.SequenceDelete) m;
        return List.of(new CrdtOp.SequenceDelete(dot, r.path(), r.ids()));
    }

    /** Everything that could make {@link #applyOne} fail, checked before anything changes. */
    private void check(CrdtOp op) {
        List<PathSegment> target = op.path();
        if (op instanceof CrdtOp.MapSet s) target = Paths.append(op.path(), s.key());
        if (op instanceof CrdtOp.MapRemove s) target = Paths.append(op.path(), s.key());
        if (Paths.mutatesSetIdentity(spec.root(), target)) {
            throw new CrdtException("set identity fields are immutable; remove and add the member instead");
        }
        Paths.PolicyAt at = Paths.policyAt(spec.root(), op.path());
        CrdtPolicy p = at.policy();
        String kind = op.kind();
        if (op instanceof CrdtOp.RegisterSet r) {
            if (!(p instanceof CrdtPolicy.Register)) throw new CrdtException("register_set path does not address a register");
            // a string element's character is checked when it shows (see notOneCharacter)
        } else if (op instanceof CrdtOp.MapSet s) {
            if (!(p instanceof CrdtPolicy.MapPolicy mp)) throw new CrdtException("map_set path does not address a map");
            Reducer.checkShape(mp.child(s.key()), s.value(), "value");
        } else if (op instanceof CrdtOp.MapRemove) {
            if (!(p instanceof CrdtPolicy.MapPolicy)) throw new CrdtException("map_remove path does not address a map");
        } else if (op instanceof CrdtOp.SetAdd s) {
            if (!(p instanceof CrdtPolicy.SetPolicy sp)) throw new CrdtException("set_add path does not address a set");
            Reducer.memberKey(sp.keys(), s.value());
            Reducer.checkShape(sp.element(), s.value(), "value");
        } else if (op instanceof CrdtOp.SetRemove) {
            if (!(p instanceof CrdtPolicy.SetPolicy)) throw new CrdtException("set_remove path does not address a set");
        } else if (op instanceof CrdtOp.SequenceInsert s) {
            if (!(p instanceof CrdtPolicy.SequencePolicy qp)) throw new CrdtException(kind + " path does not address a sequence");
            if (!qp.string()) {
                for (int i = 0; i < s.values().size(); i++) Reducer.checkShape(qp.element(), s.values().get(i), "values[" + i + "]");
            }
        } else if (!(p instanceof CrdtPolicy.SequencePolicy)) {
            throw new CrdtException(kind + " path does not address a sequence");
        }
    }

    /**
     * Whether {@code op} writes a string-sequence element that is not one character. The reference
     * checks a string's elements when it materialises them, so such a value is refused only if it
     * shows: an insert whose element a delete already removed, or a write that loses to a later one
     * or lands on a deleted element, is accepted. The caller applies such an op with an undo copy
     * and reads the value after it.
     */
    private boolean notOneCharacter(CrdtOp op) {
        if (op instanceof CrdtOp.SequenceInsert s) {
            if (!(Paths.policyAt(spec.root(), op.path()).policy() instanceof CrdtPolicy.SequencePolicy qp) || !qp.string()) return false;
            for (Value v : s.values()) if (!oneCharacter(v)) return true;
            // an element written before it was inserted shows that write's value if it won
            Node.Seq q = existingSequence(op.path());
            if (q == null || q.entries.isEmpty()) return false;
            for (int i = 0; i < s.values().size(); i++) {
                Node.SeqEntry e = q.entries.get(new ElementId(s.dot(), i));
                if (e != null && e.node != null) return true;
            }
            return false;
        }
        return op instanceof CrdtOp.RegisterSet r && Paths.policyAt(spec.root(), op.path()).stringElement() && !oneCharacter(r.value());
    }

    private Node.Seq existingSequence(List<PathSegment> path) {
        try {
            return Paths.find(root, spec.root(), path).node() instanceof Node.Seq q ? q : null;
        } catch (CrdtException e) {
            return null; // not there yet: nothing was written into it
        }
    }

    private static boolean oneCharacter(Value v) {
        try {
            Reducer.checkChar(v, "value");
            return true;
        } catch (CrdtException e) {
            return false;
        }
    }

    /** Applies an op that may make an element show that is not one character; refused (and undone) if it does. */
    private void applyChecked(CrdtOp op, Snapshot undo, long counterBefore) {
        applyOne(op);
        value = null;
        try {
            value();
        } catch (CrdtException e) {
            counter = counterBefore;
            undo.restore(this);
            value = null;
            throw e;
        }
    }

    private void applyOne(CrdtOp op) {
        Paths.Found at = Paths.walk(root, spec.root(), op.path(), op.dot());
        Node node = at.node();
        if (op instanceof CrdtOp.RegisterSet r) {
            Reducer.merge(node, at.policy(), r.value(), r.dot());
        } else if (op instanceof CrdtOp.MapSet s) {
            CrdtPolicy child = ((CrdtPolicy.MapPolicy) at.policy()).child(s.key());
            Node.Entry e = ((Node.MapNode) node).entries.computeIfAbsent(s.key(), k -> new Node.Entry(Node.empty(child)));
            e.dots.add(s.dot());
            Reducer.merge(e.node, child, s.value(), s.dot());
        } else if (op instanceof CrdtOp.MapRemove s) {
            CrdtPolicy child = ((CrdtPolicy.MapPolicy) at.policy()).child(s.key());
            Node.Entry e = ((Node.MapNode) node).entries.computeIfAbsent(s.key(), k -> new Node.Entry(Node.empty(child)));
            e.removed.addAll(s.removed());
            e.removalOps.add(s.dot());
        } else if (op instanceof CrdtOp.SetAdd s) {
            CrdtPolicy.SetPolicy sp = (CrdtPolicy.SetPolicy) at.policy();
            Node.Entry e = ((Node.SetNode) node).entries.computeIfAbsent(Reducer.memberKey(sp.keys(), s.value()), k -> new Node.Entry(Node.empty(sp.element())));
            e.dots.add(s.dot());
            Reducer.merge(e.node, sp.element(), s.value(), s.dot());
        } else if (op instanceof CrdtOp.SetRemove s) {
            CrdtPolicy.SetPolicy sp = (CrdtPolicy.SetPolicy) at.policy();
            Node.Entry e = ((Node.SetNode) node).entries.computeIfAbsent(s.key(), k -> new Node.Entry(Node.empty(sp.element())));
            e.removed.addAll(s.removed());
            e.removalOps.add(s.dot());
        } else if (op instanceof CrdtOp.SequenceInsert s) {
            Reducer.insert((Node.Seq) node, (CrdtPolicy.SequencePolicy) at.policy(), s.dot(), s.after(), s.values());
        } else {
            CrdtOp.SequenceDelete s = (CrdtOp.SequenceDelete) op;
            Node.Seq q = (Node.Seq) node;
            q.value = null;
            for (ElementId id : s.ids()) {
                q.deletes.computeIfAbsent(id, k -> new TreeSet<>()).add(s.dot());
                Node.SeqEntry e = q.entries.get(id);
                if (e != null) e.deleted = true;
            }
        }
    }

    private CrdtDelta delta(CrdtOp op) {
        if (op instanceof CrdtOp.RegisterSet r) return new CrdtDelta.RegisterSet(r.path(), r.value());
        if (op instanceof CrdtOp.MapSet r) return new CrdtDelta.MapSet(r.path(), r.key(), r.value());
        if (op instanceof CrdtOp.MapRemove r) return new CrdtDelta.MapRemove(r.path(), r.key());
        if (op instanceof CrdtOp.SetAdd r) return new CrdtDelta.SetAdd(r.path(), memberKey(r.path(), r.value()), r.value());
        if (op instanceof CrdtOp.SetRemove r) return new CrdtDelta.SetRemove(r.path(), r.key());
        if (op instanceof CrdtOp.SequenceInsert r) {
            Paths.Found at = Paths.find(root, spec.root(), r.path());
            Node.Seq q = (Node.Seq) at.node();
            CrdtPolicy element = ((CrdtPolicy.SequencePolicy) at.policy()).element();
            List<CrdtDelta.Element> elements = new ArrayList<>(r.values().size());
            for (int i = 0; i < r.values().size(); i++) {
                ElementId id = new ElementId(r.dot(), i);
                Node.SeqEntry e = q.entries.get(id);
                if (e == null || e.node == null) throw new CrdtException("missing inserted sequence element " + id);
                elements.add(new CrdtDelta.Element(id, Reducer.materialize(e.node, element)));
            }
            return new CrdtDelta.SequenceInsert(r.path(), r.after(), elements);
        }
        CrdtOp.SequenceDelete r = (CrdtOp.SequenceDelete) op;
        return new CrdtDelta.SequenceDelete(r.path(), r.ids());
    }

    /** A deep copy of the mutable state, to undo a multi-edit mutate that fails half way. */
    private static final class Snapshot {
        final Node root;
        final TreeMap<String, Long> compacted;
        final TreeMap<Dot, String> fingerprints;

        Snapshot(CrdtDocument d) {
            root = d.root.copy();
            compacted = new TreeMap<>(d.compacted);
            fingerprints = new TreeMap<>(d.fingerprints);
        }

        void restore(CrdtDocument d) {
            d.root = root;
            d.compacted.clear();
            d.compacted.putAll(compacted);
            d.fingerprints.clear();
            d.fingerprints.putAll(fingerprints);
        }
    }
}
