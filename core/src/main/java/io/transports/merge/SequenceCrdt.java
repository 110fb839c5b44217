package io.transports.merge;

import io.transports.patch.Apply;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.patch.PatchException;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A sequence CRDT for one ordered list or text field of a shared model (the model itself, or the List
 * or Str at a path in it): two writers inserting into the same gap both keep their elements, in the
 * same order on every hub; a deleted element is never brought back; and any delivery order of the
 * same concurrent writes ends in the same value.
 *
 * <p><b>Identities.</b> Every element has an id: the stamp of the write that inserted it plus a counter
 * within that stamp ({@link SeqElement.Id}). Elements are kept in one order, tombstones included (an
 * RGA): a new element is placed right after the element to its left in the writer's view, past any
 * elements there with greater ids. A writer's stamp revision is its base revision, which is above the
 * id of every element it could see, so ids are consistent with causality and the placement is the
 * same whatever order concurrent inserts arrive in.
 *
 * <p><b>Interpreting indexes.</b> Writers send the list ops our diff produces — Insert, RemoveAt, Move,
 * Reorder and Set at element indexes, a Set of the whole list or string (text always travels that
 * way), and ops inside an element. Indexes mean positions in the writer's base revision (the revision
 * its patch carries, which is its stamp's revision), so the strategy rebuilds that view from the
 * elements' lifetimes ({@code insertedAt}, {@code deletedAt}: ticks, one per merge that changed
 * anything, mapped to and from hub revisions) and replays the
 * write's ops on it: an Insert becomes a new element, a RemoveAt a tombstone, a Move or a Reorder a
 * delete and re-insert of the elements that changed place (the longest run that kept its order stays),
 * a whole Set a longest-common-subsequence match against the view, a Set of or inside an element a new
 * value for that element (last writer wins per element, by stamp; a deleted element stays deleted).
 * Ops elsewhere in the model are applied as they arrive.
 *
 * <p><b>Revisions.</b> The strategy counts the hub's revisions the way a hub numbers a shared model's
 * patches: from the start revision given to the constructor (0, the revision {@code share} gives),
 * one per merge whose result differs from its input. A change of the field it did not make (a host
 * write around it) is seen on the next merge and taken in as one host write and one revision. When the
 * hub refuses a merged value (its validation fails) and passes the old value to the next merge, the
 * strategy undoes that merge. The host stamps its own writes with the current revision.
 *
 * <p><b>History bound.</b> Indexes are interpreted against at most {@code window} revisions back
 * (default {@value #DEFAULT_WINDOW}): a write whose base is older is refused with a PatchException
 * asking the writer to resync. Values of elements older than that are forgotten, and the record of
 * applied writes (duplicates are recognised by stamp and ops, and change nothing) goes back as far.
 * Tombstones keep their id and place for good (no values), as an RGA needs them to place later inserts;
 * the state therefore grows with the number of deletions, not with the number of writes.
 *
 * <p>State: see docs/protocol.md "Merge strategies" ({@link SequenceState}).
 */
public final class SequenceCrdt implements MergeStrategy {
    public static final int DEFAULT_WINDOW = 1000;
    /** How often (in revisions) forgotten history is dropped. */
    static final int FORGET_EVERY = 64;

    Path target;
    int window;
    long rev;
    long tick; // one per merge that changed anything, whether or not it made a revision
    final java.util.TreeMap<Long, Long> revTicks = new java.util.TreeMap<>(); // revision -> the tick that produced it
    long floor; // no write may be based below this revision (the strategy's start, or a restore's)
    Boolean text; // null until the field has been seen
    List<SeqElement> doc; // null until started
    final Map<SeqElement.Id, SeqElement> byId = new HashMap<>();
    final Map<Stamp, Long> nextSeq = new HashMap<>();
    final Set<WriteKey> seen = new HashSet<>();
    long forgotAt;

    // the last merge, until the next one shows whether the hub kept its result
    private Value lastIn;
    private List<Runnable> pending;
    private Value lastField; // the field as this strategy last rendered it (null: render to know)

    /** A duplicate of an applied write has the same stamp and the same ops. */
    record WriteKey(Stamp stamp, long opsHash) {}

    /** A sequence CRDT for the whole model (a List or Str), starting at revision 0. */
    public SequenceCrdt() { this(Path.ROOT, 0, DEFAULT_WINDOW); }

    /** A sequence CRDT for the List or Str at {@code target}, starting at revision 0. */
    public SequenceCrdt(Path target) { this(target, 0, DEFAULT_WINDOW); }

    /**
     * @param target the List or Str field the strategy keeps (its other fields are applied as they come)
     * @param startRev the shared model's revision when the strategy takes it over
     * @param window how many revisions back a write's base may be
     */
    public SequenceCrdt(Path target, long startRev, int window) {
        this.target = Objects.requireNonNull(target, "target");
        if (window < 1) throw new IllegalArgumentException("the window must be at least 1 revision, got " + window);
        this.window = window;
        this.rev = startRev;
        this.revTicks.put(startRev, 0L);
        this.floor = startRev;
        this.forgotAt = startRev;
    }

    @Override public boolean converges() { return true; }

    /** The revision the strategy believes the model is at. */
    public long revision() { return rev; }

    @Override public Value merge(Value current, Patch write, Stamp stamp) {
        Value field = field(current);
        if (doc == null) start(field);
        else if (field != lastField && !field.equals(lastField != null ? lastField : render())) catchUp(current, field);
        pending = null;
        WriteKey key = new WriteKey(stamp, hash(write));
        if (seen.contains(key)) return current; // a duplicate: already applied
        long base = stamp.rev();
        if (base > rev) {
            throw new PatchException(-1, "the write's revision " + base + " is ahead of the shared model's revision " + rev);
        }
        if (base < Math.max(floor, rev - window)) {
            throw new PatchException(-1, "the write's revision " + base + " is older than the " + (rev - Math.max(floor, rev - window))
                    + " revisions the sequence at " + target.display() + " keeps (from " + Math.max(floor, rev - window)
                    + "); take a fresh snapshot and write again");
        }
        List<Runnable> undo = new ArrayList<>();
        SequenceView view = new SequenceView(this, ticks(base));
        Value model = current;
        List<Op> ops = write.ops();
        for (int i = 0; i < ops.size(); i++) model = view.apply(model, ops.get(i), i);
        tick++;
        undo.add(() -> tick--);
        view.commit(stamp, tick, undo);
        Value rendered = render();
        Value out = put(model, rendered);
        seen.add(key);
        undo.add(() -> seen.remove(key));
        if (!out.equals(current)) {
            // a write that changes identities but not the value (two writers moving one element to the
            // same place) makes no revision: its changes stay invisible to writers based on this one
            rev++;
            revTicks.put(rev, tick);
            undo.add(() -> revTicks.remove(rev--));
        }
        forget();
        lastIn = current;
        pending = undo;
        lastField = rendered;
        return out;
    }

    /** The field's value in the model, refused when it is missing or not a List or Str. */
    Value field(Value model) {
        Value v = model;
        for (Path.Segment s : target.segments()) {
            if (s instanceof Path.Key k && v instanceof MapValue m) v = m.get(k.name());
            else if (s instanceof Path.Index ix && v instanceof ListValue l && ix.index() < l.size()) v = l.get(ix.index());
            else v = null;
            if (v == null) throw new PatchException(-1, "the sequence at " + target.display() + " is missing from the shared model");
        }
        if (!(v instanceof ListValue) && !(v instanceof StrValue)) {
            throw new PatchException(-1, "the sequence at " + target.display() + " is a " + v.tag() + ", not a List or Str");
        }
        if (text != null && text != (v instanceof StrValue)) {
            throw new PatchException(-1, "the sequence at " + target.display() + " was a " + (text ? "Str" : "List") + " and is now a " + v.tag());
        }
        return v;
    }

    /** The model with the field replaced. */
    Value put(Value model, Value field) {
        if (target.isRoot()) return field;
        return Apply.apply(model, List.of(new Op.Set(target, field)));
    }

    /** Takes the field's present elements as the starting elements (ids below every write's). */
    private void start(Value field) {
        text = field instanceof StrValue;
        doc = new ArrayList<>();
        List<Value> items = items(field);
        for (int k = 0; k < items.size(); k++) {
            SeqElement e = new SeqElement(new SeqElement.Id(-1, "", k), tick);
            e.versions.add(new SeqElement.Version(tick, items.get(k), new Stamp(-1, "")));
            doc.add(e);
            byId.put(e.id, e);
        }
    }

    /**
     * The field differs from what this strategy last produced: either the hub refused the last merge
     * (the model is back to that merge's input: undo it), or something else changed the field (take the
     * change in as one host write, stamped with the current revision, and count its revision).
     */
    private void catchUp(Value current, Value field) {
        lastField = null;
        if (pending != null && current.equals(lastIn)) {
            for (int i = pending.size() - 1; i >= 0; i--) pending.get(i).run();
            pending = null;
            if (field.equals(render())) return;
        }
        List<Runnable> ignored = new ArrayList<>();
        Stamp host = new Stamp(rev, Stamp.HOST);
        SequenceView view = new SequenceView(this, ticks(rev));
        view.apply(current, new Op.Set(target, field), 0);
        view.commit(host, ++tick, ignored);
        revTicks.put(++rev, tick);
    }

    /** The field's value now: the live elements' latest values in order. */
    Value render() {
        if (text) {
            StringBuilder b = new StringBuilder();
            for (SeqElement e : doc) if (e.live()) b.append(((StrValue) e.latest().value()).value());
            return Value.of(b.toString());
        }
        List<Value> out = new ArrayList<>();
        for (SeqElement e : doc) if (e.live()) out.add(e.latest().value());
        return ListValue.of(out);
    }

    /** A List's elements, or a Str's code points each as a one-character Str. */
    static List<Value> items(Value field) {
        if (field instanceof ListValue l) return l.items();
        String s = ((StrValue) field).value();
        List<Value> out = new ArrayList<>(s.length());
        s.codePoints().forEach(cp -> out.add(Value.of(new String(Character.toChars(cp)))));
        return out;
    }

    /** The next id counter for elements inserted by writes with this stamp. */
    long nextSeq(Stamp stamp, List<Runnable> undo) {
        Long n = nextSeq.get(stamp);
        long seq = n == null ? 0 : n;
        nextSeq.put(stamp, seq + 1);
        undo.add(() -> { if (n == null) nextSeq.remove(stamp); else nextSeq.put(stamp, n); });
        return seq;
    }

    /** Drops what no acceptable write can need any more (every {@value #FORGET_EVERY} revisions). */
    private void forget() {
        if (rev - forgotAt < FORGET_EVERY) return;
        forgotAt = rev;
        long keep = Math.max(floor, rev - window);
        long keepTick = ticks(keep);
        for (SeqElement e : doc) e.forget(keepTick);
        seen.removeIf(k -> k.stamp().rev() < keep);
        nextSeq.keySet().removeIf(s -> s.rev() < keep);
        revTicks.headMap(keep).clear();
    }

    /** The tick that produced revision {@code rev} (kept for every revision a write may be based on). */
    long ticks(long rev) {
        Long t = revTicks.get(rev);
        if (t == null) throw new IllegalStateException("no tick recorded for revision " + rev);
        return t;
    }

    /** A 64-bit hash of the write's ops (their canonical text). */
    static long hash(Patch write) {
        long h = 0xcbf29ce484222325L;
        String s = write.ops().toString();
        for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001b3L;
        return h;
    }

    @Override public Value state() { return SequenceState.write(this); }

    @Override public void restore(Value state) {
        SequenceState.read(state, this);
        lastField = null;
        pending = null;
        lastIn = null;
    }

    @Override public String toString() { return "SequenceCrdt(" + target.display() + ", rev " + rev + ")"; }
}
