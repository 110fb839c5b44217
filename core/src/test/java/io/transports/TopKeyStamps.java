package io.transports;

import io.transports.merge.MergeStrategy;
import io.transports.merge.Stamp;
import io.transports.patch.Apply;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only stateful strategy (the real ones are the merge package's): each top-level key keeps the
 * stamp of its last kept write, and an older-stamped write to it is dropped. Enough to show that a
 * hub passes stamps through and saves and restores a strategy's state; not a tested CRDT.
 */
class TopKeyStamps implements MergeStrategy {
    final Map<String, Stamp> clock = new LinkedHashMap<>();

    @Override public Value merge(Value current, Patch write, Stamp stamp) {
        Value v = current;
        for (Op op : write.ops()) {
            String key = op.path().size() > 0 && op.path().get(0) instanceof Path.Key k ? k.name() : "";
            Stamp kept = clock.get(key);
            if (kept != null && stamp.compareTo(kept) < 0) continue;
            clock.put(key, stamp);
            v = Apply.apply(v, List.of(op));
        }
        return v;
    }

    @Override public Value state() {
        Map<String, Value> m = new LinkedHashMap<>();
        clock.forEach((k, s) -> m.put(k, Value.list(Value.of(s.rev()), Value.of(s.origin()))));
        return MapValue.of(m);
    }

    @Override public void restore(Value state) {
        clock.clear();
        MapValue m = (MapValue) state;
        for (int i = 0; i < m.size(); i++) {
            var pair = (io.transports.value.ListValue) m.valueAt(i);
            clock.put(m.keyAt(i), new Stamp(((io.transports.value.IntValue) pair.get(0)).value(),
                    ((io.transports.value.StrValue) pair.get(1)).value()));
        }
    }

    @Override public boolean converges() { return true; }
}
