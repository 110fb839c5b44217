package io.transports.merge;

import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.NullValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved form of a {@link SequenceCrdt} (docs/protocol.md "Merge strategies"):
 *
 * <pre>{@code
 * {"kind": "sequence", "target": [key or index, ...], "window": 1000, "rev": 12, "floor": 0,
 *  "tick": 14, "revs": [[rev, tick], ...],         // the tick that produced each recent revision
 *  "text": true,                                  // absent until the field has been seen
 *  "elements": [[id_rev, id_origin, id_seq, inserted_at, deleted_at or null,  // ticks
 *                [[tick, value, stamp_rev, stamp_origin], ...]], ...],   // document order, tombstones too
 *  "seq": [[stamp_rev, stamp_origin, next], ...], // id counters per stamp
 *  "seen": [[stamp_rev, stamp_origin, ops_hash], ...]}   // writes applied, for duplicates
 * }</pre>
 *
 * Reading checks every part and adopts the state only when all of it reads, so a bad checkpoint
 * leaves the strategy as it was and says where it went wrong.
 */
final class SequenceState {
    private SequenceState() {}

    static Value write(SequenceCrdt s) {
        Map<String, Value> m = new HashMap<>();
        m.put("kind", Value.of("sequence"));
        m.put("target", StateForm.path(s.target));
        m.put("window", Value.of(s.window));
        m.put("rev", Value.of(s.rev));
        m.put("tick", Value.of(s.tick));
        List<Value> revs = new ArrayList<>();
        s.revTicks.forEach((r, t) -> revs.add(Value.list(Value.of(r), Value.of(t))));
        m.put("revs", ListValue.of(revs));
        m.put("floor", Value.of(s.floor));
        m.put("forgot_at", Value.of(s.forgotAt));
        if (s.doc != null) {
            m.put("text", Value.of(s.text));
            List<Value> els = new ArrayList<>(s.doc.size());
            for (SeqElement e : s.doc) {
                List<Value> versions = new ArrayList<>(e.versions.size());
                for (SeqElement.Version v : e.versions) {
                    versions.add(Value.list(Value.of(v.rev()), v.value(), Value.of(v.stamp().rev()), Value.of(v.stamp().origin())));
                }
                els.add(Value.list(Value.of(e.id.rev()), Value.of(e.id.origin()), Value.of(e.id.seq()), Value.of(e.insertedAt),
                        e.live() ? Value.NULL : Value.of(e.deletedAt), ListValue.of(versions)));
            }
            m.put("elements", ListValue.of(els));
        }
        List<Value> seq = new ArrayList<>();
        s.nextSeq.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> seq.add(Value.list(Value.of(e.getKey().rev()), Value.of(e.getKey().origin()), Value.of(e.getValue()))));
        m.put("seq", ListValue.of(seq));
        List<Value> seen = new ArrayList<>();
        s.seen.stream().sorted((a, b) -> a.stamp().compareTo(b.stamp()) != 0 ? a.stamp().compareTo(b.stamp()) : Long.compare(a.opsHash(), b.opsHash()))
                .forEach(k -> seen.add(Value.list(Value.of(k.stamp().rev()), Value.of(k.stamp().origin()), Value.of(k.opsHash()))));
        m.put("seen", ListValue.of(seen));
        return Value.map(m);
    }

    static void read(Value state, SequenceCrdt s) {
        MapValue m = StateForm.map(state, "<root>");
        if (!"sequence".equals(m.get("kind") == null ? null : StateForm.text(m.get("kind"), "kind"))) {
            throw StateForm.bad("kind", "not a sequence state (kind \"sequence\" expected)");
        }
        var target = StateForm.path(m.get("target"), "target");
        long window = StateForm.integer(m.get("window"), "window");
        if (window < 1 || window > Integer.MAX_VALUE) throw StateForm.bad("window", "must be a positive int, got " + window);
        long rev = StateForm.integer(m.get("rev"), "rev");
        long tick = StateForm.integer(m.get("tick"), "tick");
        java.util.TreeMap<Long, Long> revTicks = new java.util.TreeMap<>();
        ListValue revs = StateForm.list(m.get("revs"), "revs");
        for (int i = 0; i < revs.size(); i++) {
            ListValue e = StateForm.list(revs.get(i), "revs[" + i + "]");
            if (e.size() != 2) throw StateForm.bad("revs[" + i + "]", "an entry is [rev, tick]");
            revTicks.put(StateForm.integer(e.get(0), "revs[" + i + "][0]"), StateForm.integer(e.get(1), "revs[" + i + "][1]"));
        }
        if (!revTicks.containsKey(rev)) throw StateForm.bad("revs", "no tick for the current revision " + rev);
        long floor = StateForm.integer(m.get("floor"), "floor");
        long forgotAt = m.get("forgot_at") == null ? rev : StateForm.integer(m.get("forgot_at"), "forgot_at");
        Boolean text = null;
        List<SeqElement> doc = null;
        Map<SeqElement.Id, SeqElement> byId = new HashMap<>();
        if (m.get("elements") != null) {
            if (!(m.get("text") instanceof io.transports.value.BoolValue b)) throw StateForm.bad("text", "expected a Bool");
            text = b.equals(Value.of(true));
            ListValue els = StateForm.list(m.get("elements"), "elements");
            doc = new ArrayList<>(els.size());
            for (int i = 0; i < els.size(); i++) {
                String w = "elements[" + i + "]";
                ListValue e = StateForm.list(els.get(i), w);
                if (e.size() != 6) throw StateForm.bad(w, "an element is [id_rev, id_origin, id_seq, inserted_at, deleted_at, versions]");
                SeqElement.Id id = new SeqElement.Id(StateForm.integer(e.get(0), w + "[0]"), StateForm.text(e.get(1), w + "[1]"),
                        StateForm.integer(e.get(2), w + "[2]"));
                SeqElement el = new SeqElement(id, StateForm.integer(e.get(3), w + "[3]"));
                el.deletedAt = e.get(4) instanceof NullValue ? SeqElement.LIVE : StateForm.integer(e.get(4), w + "[4]");
                ListValue vs = StateForm.list(e.get(5), w + "[5]");
                for (int k = 0; k < vs.size(); k++) {
                    String vw = w + "[5][" + k + "]";
                    ListValue v = StateForm.list(vs.get(k), vw);
                    if (v.size() != 4) throw StateForm.bad(vw, "a version is [rev, value, stamp_rev, stamp_origin]");
                    Value value = v.get(1);
                    if (text && !(value instanceof io.transports.value.StrValue)) throw StateForm.bad(vw + "[1]", "a text element is a Str");
                    el.versions.add(new SeqElement.Version(StateForm.integer(v.get(0), vw + "[0]"), value,
                            new Stamp(StateForm.integer(v.get(2), vw + "[2]"), StateForm.text(v.get(3), vw + "[3]"))));
                }
                if (el.live() && el.versions.isEmpty()) throw StateForm.bad(w, "a live element needs a value");
                if (byId.put(id, el) != null) throw StateForm.bad(w, "duplicate element id " + id);
                doc.add(el);
            }
        }
        Map<Stamp, Long> nextSeq = new HashMap<>();
        ListValue seq = StateForm.list(m.get("seq"), "seq");
        for (int i = 0; i < seq.size(); i++) {
            ListValue e = StateForm.list(seq.get(i), "seq[" + i + "]");
            if (e.size() != 3) throw StateForm.bad("seq[" + i + "]", "an entry is [stamp_rev, stamp_origin, next]");
            nextSeq.put(new Stamp(StateForm.integer(e.get(0), "seq[" + i + "][0]"), StateForm.text(e.get(1), "seq[" + i + "][1]")),
                    StateForm.integer(e.get(2), "seq[" + i + "][2]"));
        }
        List<SequenceCrdt.WriteKey> seen = new ArrayList<>();
        ListValue sl = StateForm.list(m.get("seen"), "seen");
        for (int i = 0; i < sl.size(); i++) {
            ListValue e = StateForm.list(sl.get(i), "seen[" + i + "]");
            if (e.size() != 3) throw StateForm.bad("seen[" + i + "]", "an entry is [stamp_rev, stamp_origin, ops_hash]");
            seen.add(new SequenceCrdt.WriteKey(new Stamp(StateForm.integer(e.get(0), "seen[" + i + "][0]"), StateForm.text(e.get(1), "seen[" + i + "][1]")),
                    StateForm.integer(e.get(2), "seen[" + i + "][2]")));
        }
        s.target = target;
        s.window = (int) window;
        s.rev = rev;
        s.tick = tick;
        s.revTicks.clear();
        s.revTicks.putAll(revTicks);
        s.floor = floor;
        s.forgotAt = forgotAt;
        s.text = text;
        s.doc = doc;
        s.byId.clear();
        s.byId.putAll(byId);
        s.nextSeq.clear();
        s.nextSeq.putAll(nextSeq);
        s.seen.clear();
        s.seen.addAll(seen);
    }
}
