package io.transports.merge;

import static io.transports.merge.Writes.*;
import static org.junit.jupiter.api.Assertions.*;

import io.transports.patch.Op;
import io.transports.patch.PatchException;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SequenceCrdt rules, one a test: same-gap inserts, tombstones, base-revision indexes, text, history. */
class SequenceCrdtTest {
    static final Value ABC = v("{\"List\":[{\"Str\":\"a\"},{\"Str\":\"b\"},{\"Str\":\"c\"}]}");

    static Value list(String... items) { return Value.list(java.util.Arrays.stream(items).map(Value::of).toList()); }

    static Value both(Value start, Write x, Write y) {
        Value xy = run(new SequenceCrdt(), start, List.of(x, y)), yx = run(new SequenceCrdt(), start, List.of(y, x));
        assertEquals(xy, yx, "the two arrival orders differ");
        return xy;
    }

    @Test void twoInsertsIntoTheSameGapBothSurviveInOneOrder() {
        Value out = both(ABC, w(0, "A", insert(1, Value.of("x"))), w(0, "B", insert(1, Value.of("y"))));
        assertEquals(list("a", "y", "x", "b", "c"), out); // the greater id (origin B) goes first
    }

    @Test void twoTypistsInOneSpotOfATextBothKeepTheirCharacters() {
        Value out = both(Value.of("hello world"), w(0, "A", set(Value.of("hello, world"))), w(0, "B", set(Value.of("hello! world"))));
        assertEquals(Value.of("hello!, world"), out);
        assertEquals(Value.of("hello, big world"),
                both(Value.of("hello world"), w(0, "A", set(Value.of("hello, world"))), w(0, "B", set(Value.of("hello big world")))));
    }

    @Test void indexesMeanPositionsInTheWritersBaseRevision() {
        SequenceCrdt s = new SequenceCrdt();
        Value v = w(0, "A", insert(0, Value.of("x"))).into(s, ABC); // rev 1: x a b c
        v = w(0, "B", removeAt(1)).into(s, v); // B saw a b c: index 1 is b
        assertEquals(list("x", "a", "c"), v);
        assertEquals(2, s.revision());
        v = w(2, "A", removeAt(1)).into(s, v); // A saw x a c: index 1 is a
        assertEquals(list("x", "c"), v);
    }

    @Test void aDeletedElementIsNeverBroughtBackByAStaleWrite() {
        SequenceCrdt s = new SequenceCrdt();
        Value v = w(0, "A", removeAt(1)).into(s, ABC);
        v = w(0, "B", set(list("a", "b", "c", "d"))).into(s, v); // B still shows b, appends d
        v = w(0, "C", set(Value.of("B!"), 1)).into(s, v); // and C edits b
        assertEquals(list("a", "c", "d"), v);
    }

    @Test void concurrentSetsOfOneElementKeepTheHigherStamp() {
        assertEquals(list("a", "Q", "c"), both(ABC, w(0, "Z", set(Value.of("Q"), 1)), w(0, "A", set(Value.of("P"), 1))));
    }

    @Test void aMoveAndAReorderAreDeletesAndReinsertsOfWhatChangedPlace() {
        SequenceCrdt s = new SequenceCrdt();
        Value v = w(0, "A", new Op.Move(Path.ROOT, 0, 2)).into(s, ABC);
        assertEquals(list("b", "c", "a"), v);
        v = w(1, "A", new Op.Reorder(Path.ROOT, new int[] {2, 0, 1})).into(s, v);
        assertEquals(list("a", "b", "c"), v);
        Value concurrent = w(1, "B", insert(3, Value.of("d"))).into(s, v); // B saw b c a, appends after a
        assertEquals(list("a", "b", "c", "d"), concurrent);
    }

    @Test void aSequenceInsideTheModelLeavesItsOtherFieldsToArrivalOrder() {
        Value doc = v("{\"Map\":{\"title\":{\"Str\":\"t\"},\"items\":{\"List\":[{\"Int\":1}]}}}");
        SequenceCrdt s = new SequenceCrdt(Path.parse("items"));
        Value out = run(s, doc, List.of(w(0, "A", insert(0, Value.of(0), "items"), set(Value.of("T"), "title")),
                w(0, "B", insert(1, Value.of(2), "items"))));
        assertEquals(v("{\"Map\":{\"items\":{\"List\":[{\"Int\":0},{\"Int\":1},{\"Int\":2}]},\"title\":{\"Str\":\"T\"}}}"), out);
    }

    @Test void aSetOfTheParentReplacingTheListIsMatchedAgainstTheBase() {
        Value doc = v("{\"Map\":{\"items\":{\"List\":[{\"Int\":1},{\"Int\":2}]}}}");
        SequenceCrdt s = new SequenceCrdt(Path.parse("items"));
        Value v = w(0, "A", insert(2, Value.of(3), "items")).into(s, doc);
        v = w(0, "B", set(v("{\"Map\":{\"items\":{\"List\":[{\"Int\":0},{\"Int\":1},{\"Int\":2}]}}}"))).into(s, v);
        assertEquals(v("{\"Map\":{\"items\":{\"List\":[{\"Int\":0},{\"Int\":1},{\"Int\":2},{\"Int\":3}]}}}"), v);
        PatchException e = assertThrows(PatchException.class, () -> w(2, "C", remove("items")).into(s, doc));
        assertTrue(e.getMessage().contains("items"), e.getMessage());
    }

    @Test void aBaseOutsideTheWindowOrAheadIsRefusedAndChangesNothing() {
        SequenceCrdt s = new SequenceCrdt(Path.ROOT, 0, 2);
        Value v = ABC;
        for (int r = 0; r < 3; r++) v = w(r, "A", insert(0, Value.of("n" + r))).into(s, v);
        Value before = s.state();
        Value at3 = v;
        PatchException old = assertThrows(PatchException.class, () -> w(0, "B", removeAt(0)).into(s, at3));
        assertTrue(old.getMessage().contains("older than"), old.getMessage());
        PatchException ahead = assertThrows(PatchException.class, () -> w(9, "B", removeAt(0)).into(s, at3));
        assertTrue(ahead.getMessage().contains("ahead"), ahead.getMessage());
        assertEquals(before, s.state());
    }

    @Test void aBadIndexIsRefusedNamingTheOpAndChangesNothing() {
        SequenceCrdt s = new SequenceCrdt();
        Value before = s.state();
        PatchException e = assertThrows(PatchException.class, () -> w(0, "A", insert(0, Value.of("x")), removeAt(9)).into(s, ABC));
        assertEquals("op 1 (RemoveAt) at <root>: index 9 out of range for a list of 4", e.getMessage());
        assertEquals(1, e.opIndex());
        Value v = w(0, "A", insert(0, Value.of("x"))).into(s, ABC);
        assertEquals(list("x", "a", "b", "c"), v);
        assertNotEquals(before, s.state());
    }

    @Test void aDuplicateWriteChangesNothing() {
        SequenceCrdt s = new SequenceCrdt();
        Write x = w(0, "A", insert(0, Value.of("x")));
        Value v = x.into(s, ABC);
        assertSame(v, x.into(s, v));
        assertEquals(1, s.revision());
    }

    @Test void aMergeTheHubRefusedIsUndoneWhenTheOldValueComesBack() {
        SequenceCrdt s = new SequenceCrdt();
        Value refused = w(0, "A", insert(0, Value.of("x"))).into(s, ABC);
        assertEquals(list("x", "a", "b", "c"), refused);
        Value v = w(0, "B", insert(3, Value.of("d"))).into(s, ABC); // the hub kept ABC at rev 0
        assertEquals(list("a", "b", "c", "d"), v);
        assertEquals(1, s.revision());
    }

    @Test void aChangeTheStrategyDidNotMakeIsTakenInAsAHostWrite() {
        SequenceCrdt s = new SequenceCrdt();
        Value v = w(0, "A", insert(0, Value.of("x"))).into(s, ABC); // rev 1
        v = w(1, "B", insert(4, Value.of("d"))).into(s, list("x", "a", "c")); // host removed b: rev 2; B's write rev 3
        assertEquals(list("x", "a", "c", "d"), v);
        assertEquals(3, s.revision());
    }

    @Test void textIsChangedOnlyByAWholeSet() {
        PatchException e = assertThrows(PatchException.class, () -> w(0, "A", insert(0, Value.of("x"))).into(new SequenceCrdt(), Value.of("ab")));
        assertTrue(e.getMessage().contains("not a list"), e.getMessage());
        PatchException notSeq = assertThrows(PatchException.class, () -> w(0, "A", set(Value.of(1))).into(new SequenceCrdt(), Value.of(3)));
        assertTrue(notSeq.getMessage().contains("not a List or Str"), notSeq.getMessage());
    }

    @Test void stateRoundTripsExactlyAndARestoredStrategyMergesTheSame() {
        SequenceCrdt s = new SequenceCrdt();
        Value v = run(s, Value.of("abc"), List.of(w(0, "A", set(Value.of("xabc"))), w(0, "B", set(Value.of("ac")))));
        SequenceCrdt r = new SequenceCrdt(Path.parse("elsewhere"), 5, 3);
        r.restore(s.state());
        assertEquals(s.state(), r.state());
        Write next = w(1, "C", set(Value.of("abcz")));
        assertEquals(next.into(s, v), next.into(r, v));
        assertEquals(s.state(), r.state());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> r.restore(v("{\"Map\":{\"kind\":{\"Str\":\"lww\"}}}")));
        assertTrue(bad.getMessage().contains("kind"), bad.getMessage());
    }

    @Test void historyOutsideTheWindowIsForgottenAndTheRestStillMerges() {
        SequenceCrdt s = new SequenceCrdt(Path.ROOT, 0, 10);
        Value v = ABC;
        for (int r = 0; r < 200; r++) {
            v = w(s.revision(), "A", insert(0, Value.of("n" + r))).into(s, v);
            v = w(s.revision() - r % 5, "B", removeAt(0)).into(s, v); // a writer up to 4 behind deletes its first
        }
        assertTrue(s.revision() > 300, "revision " + s.revision());
        Value state = s.state();
        io.transports.value.MapValue st = (io.transports.value.MapValue) state;
        assertTrue(((io.transports.value.ListValue) st.get("revs")).size() <= 10 + SequenceCrdt.FORGET_EVERY + 1, "revisions kept: " + st.get("revs"));
        assertTrue(((io.transports.value.ListValue) st.get("seen")).size() <= 2 * (10 + SequenceCrdt.FORGET_EVERY + 1), "writes remembered");
        List<io.transports.value.ListValue> tombstones = ((io.transports.value.ListValue) st.get("elements")).items().stream()
                .map(e -> (io.transports.value.ListValue) e).filter(e -> !(e.get(4) instanceof io.transports.value.NullValue)).toList();
        long withValues = tombstones.stream().filter(e -> ((io.transports.value.ListValue) e.get(5)).size() > 0).count();
        assertTrue(tombstones.size() > 100, "tombstones " + tombstones.size());
        assertTrue(withValues <= 2 * (10 + SequenceCrdt.FORGET_EVERY), "tombstones keep no values once out of the window: " + withValues);
        SequenceCrdt r = new SequenceCrdt();
        r.restore(state);
        Write late = w(s.revision() - 3, "C", insert(1, Value.of("late")));
        Value now = v;
        assertEquals(late.into(s, now), late.into(r, now));
        long old = s.revision() - 20;
        assertThrows(PatchException.class, () -> w(old, "C", insert(0, Value.of("old"))).into(r, now));
    }
}
