package io.transports.merge;

import io.transports.patch.Apply;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A last-writer-wins register per top-level key of a map model, with the reference's rules exactly
 * (its {@code LwwMapCrdt}), so a Java hub and a Python hub keep the same write:
 *
 * <ul>
 *   <li>each op whose path starts with a key {@code k} is stamped with the write's {@link Stamp};
 *       it is dropped when {@code k} already holds a higher stamp, otherwise {@code k} takes the stamp
 *       (equal stamps are accepted: they are the same writer's writes, in its own order);</li>
 *   <li>a Set or Remove of {@code k} itself sets or drops the entry (Remove of an absent key is a
 *       no-op); an op deeper under {@code k} (a nested field, a list under it) is applied as it is;</li>
 *   <li>an op at the root, or any write while the model is not a map, is applied as it arrives
 *       (whole-value last write wins).</li>
 * </ul>
 *
 * <p>Converges for writes that are Sets and Removes of top-level keys (and whole-value Sets under a
 * key); nested ops under one key from concurrent writers are kept or dropped as a unit by the key's
 * stamp. State: {@code {"clock": {key: [rev, origin]}}}, the reference's form.
 */
public final class LwwMap implements MergeStrategy {
    private final Map<String, Stamp> clock = new TreeMap<>();

    @Override public Value merge(Value current, Patch write, Stamp stamp) {
        if (!(current instanceof MapValue)) return Apply.apply(current, write); // not a map model
        Value v = current;
        Map<String, Stamp> taken = new TreeMap<>(); // the keys this write takes, kept only if all of it applies
        List<Op> ops = write.ops();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Path path = op.path();
            if (!(v instanceof MapValue m) || path.isRoot() || !(path.get(0) instanceof Path.Key top)) {
                v = applyOne(v, op, i); // unattributable to a key: applied as it is
                continue;
            }
            Stamp held = taken.containsKey(top.name()) ? taken.get(top.name()) : clock.get(top.name());
            if (held != null && stamp.compareTo(held) < 0) continue; // stale write to this key: dropped
            Value next;
            if (path.size() == 1 && op instanceof Op.Set s) next = m.with(top.name(), s.value());
            else if (path.size() == 1 && op instanceof Op.Remove) next = m.without(top.name());
            else next = applyOne(v, op, i); // nested under the key: applied, stamped by the key
            taken.put(top.name(), stamp);
            v = next;
        }
        clock.putAll(taken);
        return v;
    }

    /** One op of the write, its failure named by its position in the write. */
    static Value applyOne(Value v, Op op, int index) {
        try {
            return Apply.apply(v, List.of(op));
        } catch (io.transports.patch.PatchException e) {
            throw new io.transports.patch.PatchException(index, e.getMessage().replaceFirst("^op 0 ", "op " + index + " "));
        }
    }

    @Override public Value state() {
        Map<String, Value> c = new TreeMap<>();
        clock.forEach((k, s) -> c.put(k, StateForm.stamp(s)));
        return Value.map(Map.of("clock", Value.map(c)));
    }

    @Override public void restore(Value state) {
        MapValue root = StateForm.map(state, "<root>");
        Value c = root.get("clock");
        Map<String, Stamp> read = new TreeMap<>();
        if (c != null) {
            MapValue m = StateForm.map(c, "clock");
            for (int i = 0; i < m.size(); i++) read.put(m.keyAt(i), StateForm.stamp(m.valueAt(i), "clock." + m.keyAt(i)));
        }
        clock.clear();
        clock.putAll(read);
    }

    @Override public boolean converges() { return true; }

    @Override public String toString() { return "LwwMap" + clock; }
}
