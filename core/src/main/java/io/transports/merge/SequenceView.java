package io.transports.merge;

import io.transports.patch.Apply;
import io.transports.patch.Op;
import io.transports.patch.PatchException;
import io.transports.value.ListValue;
import io.transports.value.Path;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One write's view of a {@link SequenceCrdt}'s field: the elements visible at the writer's base
 * revision, edited op by op as the writer's indexes say, then committed as element-level changes —
 * tombstones for the base elements it removed, new values for those it set, and new elements placed
 * after their left neighbour. Until {@link #commit} nothing in the strategy changes, so a write that
 * fails part way leaves no trace.
 */
final class SequenceView {
    /** A place in the writer's view: a base element (maybe with a new value) or a new element. */
    private static final class Slot {
        final SeqElement base; // null for an element this write inserts
        Value value;
        boolean changed;

        Slot(SeqElement base, Value value) { this.base = base; this.value = value; }
    }

    private final SequenceCrdt seq;
    private final List<Slot> view = new ArrayList<>();
    private final List<SeqElement> removed = new ArrayList<>();

    /** The view at {@code baseTick}, the tick that produced the writer's base revision. */
    SequenceView(SequenceCrdt seq, long baseTick) {
        this.seq = seq;
        for (SeqElement e : seq.doc) if (e.visibleAt(baseTick)) view.add(new Slot(e, e.valueAt(baseTick)));
    }

    /** Applies op {@code index} of the write; returns the model with the ops outside the field applied. */
    Value apply(Value model, Op op, int index) {
        Path t = seq.target, p = op.path();
        if (startsWith(p, t)) {
            if (p.size() == t.size()) self(op, index);
            else element(op, index);
            return model;
        }
        if (startsWith(t, p)) { // an op above the field: apply it to the model as the writer sees it
            Value m = LwwMap.applyOne(seq.put(model, render()), op, index);
            Value field;
            try {
                field = seq.field(m);
            } catch (PatchException e) {
                throw fail(index, op, e.getMessage() + " after this op; the sequence CRDT keeps its field");
            }
            setWhole(SequenceCrdt.items(field));
            return m;
        }
        return LwwMap.applyOne(model, op, index); // elsewhere in the model: applied as it arrives
    }

    /** An op on the field itself. */
    private void self(Op op, int index) {
        boolean text = seq.text;
        if (op instanceof Op.Set s) {
            if (text ? !(s.value() instanceof StrValue) : !(s.value() instanceof ListValue)) {
                throw fail(index, op, "the sequence is a " + (text ? "Str" : "List") + "; a " + s.value().tag() + " cannot replace it");
            }
            setWhole(SequenceCrdt.items(s.value()));
            return;
        }
        if (text) throw fail(index, op, "not a list (a Str changes by a Set of the whole text)");
        if (op instanceof Op.Insert ins) {
            if (ins.index() < 0 || ins.index() > view.size()) {
                throw fail(index, op, "index " + ins.index() + " out of range for an insert into a list of " + view.size());
            }
            view.add(ins.index(), new Slot(null, ins.value()));
        } else if (op instanceof Op.RemoveAt ra) {
            check(index, op, "index", ra.index());
            drop(view.remove(ra.index()));
        } else if (op instanceof Op.Move mv) {
            check(index, op, "from", mv.from());
            check(index, op, "to", mv.to());
            if (mv.from() == mv.to()) return;
            Slot moved = view.remove(mv.from());
            drop(moved);
            view.add(mv.to(), new Slot(null, moved.value));
        } else if (op instanceof Op.Reorder ro) {
            reorder(ro, index);
        } else {
            throw fail(index, op, "the sequence itself cannot be removed");
        }
    }

    /** A Set of one element, or an op inside one: the element's new value (last writer wins per element). */
    private void element(Op op, int index) {
        Path t = seq.target, p = op.path();
        if (seq.text) throw fail(index, op, "a Str has no elements to address");
        if (!(p.get(t.size()) instanceof Path.Index at)) throw fail(index, op, "a list element is addressed by an index, not a key");
        check(index, op, "index", at.index());
        Slot slot = view.get(at.index());
        Value next;
        if (p.size() == t.size() + 1) {
            if (!(op instanceof Op.Set s)) throw fail(index, op, "only a Set replaces one list element");
            next = s.value();
        } else {
            Path rest = Path.of(p.segments().subList(t.size() + 1, p.size()));
            try {
                next = Apply.apply(slot.value, List.of(relocate(op, rest)));
            } catch (PatchException e) {
                throw fail(index, op, e.getMessage().replaceFirst("^op 0 \\([A-Za-z]+\\)", "inside element " + at.index()));
            }
        }
        slot.value = next;
        slot.changed = true;
    }

    /** The writer's whole new field: the view's elements it keeps stay, the rest are removed or new. */
    private void setWhole(List<Value> items) {
        List<Value> old = new ArrayList<>(view.size());
        for (Slot s : view) old.add(s.value);
        int[] keep = SeqMatch.match(old, items);
        boolean[] kept = new boolean[view.size()];
        List<Slot> next = new ArrayList<>(items.size());
        for (int j = 0; j < items.size(); j++) {
            if (keep[j] >= 0) {
                kept[keep[j]] = true;
                next.add(view.get(keep[j]));
            } else {
                next.add(new Slot(null, items.get(j)));
            }
        }
        for (int i = 0; i < view.size(); i++) if (!kept[i]) drop(view.get(i));
        view.clear();
        view.addAll(next);
    }

    /** A permutation: the longest run that keeps its order stays, the others are removed and re-inserted. */
    private void reorder(Op.Reorder ro, int index) {
        int n = view.size();
        if (ro.length() != n) throw fail(index, ro, "the order has " + ro.length() + " entries for a list of " + n);
        boolean[] used = new boolean[n];
        for (int k = 0; k < n; k++) {
            int o = ro.orderAt(k);
            if (o < 0 || o >= n || used[o]) throw fail(index, ro, "the order is not a permutation of 0.." + (n - 1));
            used[o] = true;
        }
        boolean[] stays = longestIncreasing(ro.order());
        List<Slot> next = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Slot s = view.get(ro.orderAt(k));
            if (stays[k]) {
                next.add(s);
            } else {
                drop(s);
                next.add(new Slot(null, s.value));
            }
        }
        view.clear();
        view.addAll(next);
    }

    /** Marks the positions of one longest increasing subsequence of {@code a} (patience sorting). */
    static boolean[] longestIncreasing(int[] a) {
        int n = a.length;
        int[] tails = new int[n], prev = new int[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            int lo = 0, hi = len;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[tails[mid]] < a[i]) lo = mid + 1;
                else hi = mid;
            }
            prev[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            if (lo == len) len++;
        }
        boolean[] out = new boolean[n];
        for (int i = len > 0 ? tails[len - 1] : -1; i >= 0; i = prev[i]) out[i] = true;
        return out;
    }

    /** A slot leaves the view: a base element becomes a tombstone at commit; a new one never existed. */
    private void drop(Slot s) {
        if (s.base != null) removed.add(s.base);
    }

    /**
     * Commits the write as tick {@code newRev}: tombstones, per-element values (kept only when the
     * stamp is at least the element's and the element is live), and new elements with ids from the
     * stamp, each placed after its left neighbour in the view past any greater ids. Every change is
     * recorded in {@code undo} so the strategy can take the merge back if the hub refuses its result.
     */
    void commit(Stamp stamp, long newRev, List<Runnable> undo) {
        for (SeqElement e : removed) {
            if (!e.live()) continue;
            e.deletedAt = newRev;
            undo.add(() -> e.deletedAt = SeqElement.LIVE);
        }
        SeqElement.Id left = null;
        int leftAt = -1; // where `left` sits in the document, when known without a search
        for (Slot s : view) {
            if (s.base != null) {
                SeqElement e = s.base;
                if (s.changed && e.live() && stamp.compareTo(e.latest().stamp()) >= 0) {
                    e.versions.add(new SeqElement.Version(newRev, s.value, stamp));
                            undo.add(() -> e.versions.remove(e.versions.size() - 1));
                }
                left = e.id;
                leftAt = -1;
                continue;
            }
            SeqElement e = new SeqElement(new SeqElement.Id(stamp.rev(), stamp.origin(), seq.nextSeq(stamp, undo)), newRev);
            e.versions.add(new SeqElement.Version(newRev, s.value, stamp));
            int at = left == null ? 0 : (leftAt >= 0 ? leftAt : seq.doc.indexOf(seq.byId.get(left))) + 1;
            while (at < seq.doc.size() && seq.doc.get(at).id.compareTo(e.id) > 0) at++;
            seq.doc.add(at, e);
            seq.byId.put(e.id, e);
            undo.add(() -> { seq.doc.remove(e); seq.byId.remove(e.id); });
            left = e.id;
            leftAt = at;
        }
    }

    private Value render() {
        if (seq.text) {
            StringBuilder b = new StringBuilder();
            for (Slot s : view) b.append(((StrValue) s.value).value());
            return Value.of(b.toString());
        }
        List<Value> out = new ArrayList<>(view.size());
        for (Slot s : view) out.add(s.value);
        return ListValue.of(out);
    }

    private void check(int index, Op op, String what, int i) {
        if (i < 0 || i >= view.size()) throw fail(index, op, what + " " + i + " out of range for a list of " + view.size());
    }

    private static boolean startsWith(Path p, Path prefix) {
        if (p.size() < prefix.size()) return false;
        for (int i = 0; i < prefix.size(); i++) if (!p.get(i).equals(prefix.get(i))) return false;
        return true;
    }

    /** The same op at another path. */
    static Op relocate(Op op, Path path) {
        if (op instanceof Op.Set s) return new Op.Set(path, s.value());
        if (op instanceof Op.Remove) return new Op.Remove(path);
        if (op instanceof Op.Insert i) return new Op.Insert(path, i.index(), i.value());
        if (op instanceof Op.RemoveAt r) return new Op.RemoveAt(path, r.index());
        if (op instanceof Op.Move m) return new Op.Move(path, m.from(), m.to());
        Op.Reorder r = (Op.Reorder) op;
        return new Op.Reorder(path, r.order());
    }

    static PatchException fail(int index, Op op, String reason) {
        return new PatchException(index, "op " + index + " (" + op.name() + ") at " + op.path().display() + ": " + reason);
    }

    @Override public String toString() { return "view " + Arrays.toString(view.stream().map(s -> s.value).toArray()); }
}
