package io.transports.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compacting runs of Sets when several revisions travel as one patch: only Sets a later Set covers go. */
class SetRunsTest {
    private static Op set(String key, long v) { return new Op.Set(Path.ROOT.key(key), Value.of(v)); }

    @Test void setsAreCompactedOnlyWhenALaterSetCoversThem() {
        Op deep = new Op.Set(Path.ROOT.key("a").key("b"), Value.of(1));
        Op whole = new Op.Set(Path.ROOT.key("a"), Value.map(Map.of()));
        Op other = set("c", 2);
        assertEquals(List.of(other, whole), SetRuns.compact(List.of(deep, other, whole)));
        assertEquals(List.of(whole, deep), SetRuns.compact(List.of(whole, deep)));
        assertEquals(List.of(set("b", 2), set("a", 3)), SetRuns.compact(List.of(set("a", 1), set("b", 2), set("a", 3))));
        Op root = new Op.Set(Path.ROOT, Value.map(Map.of()));
        assertEquals(List.of(root), SetRuns.compact(List.of(deep, other, root)), "a Set of the root covers everything before it");
        List<Op> withInsert = List.of(set("a", 1), new Op.Insert(Path.ROOT.key("l"), 0, Value.of(1)), set("a", 2));
        assertEquals(withInsert, SetRuns.compact(withInsert), "runs with list ops are left alone");
    }

    @Test void theCompactedRunAppliesLikeTheWholeRun() {
        Value start = Value.map(Map.of("a", Value.map(Map.of("b", Value.of(0))), "c", Value.of(0)));
        List<Op> run = List.of(new Op.Set(Path.ROOT.key("a").key("b"), Value.of(1)), set("c", 1),
                new Op.Set(Path.ROOT.key("a"), Value.map(Map.of("b", Value.of(2)))), new Op.Set(Path.ROOT.key("a").key("b"), Value.of(3)), set("c", 4));
        assertEquals(Apply.apply(start, run), Apply.apply(start, SetRuns.compact(run)));
        assertEquals(3, SetRuns.compact(run).size(), "the Sets of a.b=1 and c=1 are covered; a={b:2} is not covered by the later a.b=3");
    }
}
