package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.bridge.Bridge;
import io.transports.patch.Apply;
import io.transports.patch.Diff;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A proposal writes only the places its ops change: a host write to another field made since the last
 * flush is not undone (issue 9, severe 3). The race itself, with threads, is in the connections module
 * (ProposalRacesHostWritesTest); these pin the rule deterministically.
 */
class ProposalTouchesOnlyWhatItChangesTest {
    public static class Inner {
        public int a;
        public int b;
    }

    public static class Doc {
        public long counter;
        public String note = "";
        public double level;
        public Inner inner = new Inner();
        public List<Inner> items = new ArrayList<>(List.of(new Inner(), new Inner()));
        public List<String> tags = new ArrayList<>(List.of("x"));
    }

    private static Patch set(String value, Object... path) {
        return new Patch(0, List.of(new Op.Set(Path.parse(path), Value.of(value))));
    }

    private static Patch setInt(long value, Object... path) {
        return new Patch(0, List.of(new Op.Set(Path.parse(path), Value.of(value))));
    }

    @Test
    void aFieldTheHostChangedAfterTheLastFlushSurvivesAnUpdateOfAnotherField() {
        var doc = new Doc();
        Value flushed = Bridge.toValue(doc);
        doc.counter = 5; // the host, after the last flush
        Value proposed = Apply.apply(flushed, set("hello", "note").ops());
        List<Op> changes = Diff.diff(flushed, proposed);

        Bridge.updateInPlace(doc, proposed, changes);
        assertEquals(5, doc.counter, "the host's write stays");
        assertEquals("hello", doc.note);

        Bridge.updateInPlace(doc, proposed); // the whole-value update, for contrast, makes it the value's
        assertEquals(0, doc.counter);
    }

    @Test
    void aProposalDoesNotRevertHostWritesTheSessionHasNotSeenYet() {
        var s = new Session();
        var doc = new Doc();
        long id = s.host(doc);
        // The host changes the counter, and also puts a NaN in another field, so the session's flushes
        // cannot take the counter in: a proposal now meets a host write newer than the last flushed value.
        doc.counter = 7;
        doc.level = Double.NaN;
        assertThrows(UnsyncableException.class, s::flush);

        SubmitResult r = s.submit(id, set("from the view", "note"));
        assertTrue(r.accepted(), r.refusal());
        assertEquals("from the view", doc.note);
        assertEquals(7, doc.counter, "the proposal must not write the counter back to its flushed value");
        assertTrue(Double.isNaN(doc.level), "nor the other field");
        assertEquals(List.of(new Op.Set(Path.parse("note"), Value.of("from the view"))), r.patch().ops());

        doc.level = 1.5; // fixed: the next flush sends the host's writes
        List<ModelPatch> out = s.flush();
        assertEquals(1, out.size());
        assertEquals(Value.of(7), ((io.transports.value.MapValue) s.value(id)).get("counter"));
        assertEquals(Bridge.toValue(doc), s.value(id));
    }

    @Test
    void nestedObjectsAreWrittenOnlyAlongTheTouchedPath() {
        var s = new Session();
        var doc = new Doc();
        Inner inner = doc.inner;
        Inner first = doc.items.get(0);
        Inner second = doc.items.get(1);
        long id = s.host(doc);
        var flushed = s.value(id);
        doc.inner.a = 3;          // host writes, unseen by the session (set through a stale value below)
        doc.items.get(0).a = 4;
        doc.items.get(1).a = 6;
        // proposals computed against the last flushed value, applied while the host's writes are pending:
        // the session is made to miss them by submitting through the bridge directly, as a racing flush would
        Value proposed = Apply.apply(flushed, List.of(
                new Op.Set(Path.parse("inner", "b"), Value.of(9)),
                new Op.Set(Path.parse("items", 1, "b"), Value.of(8))));
        Bridge.updateInPlace(doc, proposed, Diff.diff(flushed, proposed));
        assertSame(inner, doc.inner);
        assertEquals(3, doc.inner.a);
        assertEquals(9, doc.inner.b);
        assertSame(first, doc.items.get(0));
        assertSame(second, doc.items.get(1));
        assertEquals(4, doc.items.get(0).a, "an element the proposal did not touch keeps the host's write");
        assertEquals(6, doc.items.get(1).a, "a touched element keeps the host's write to its other field");
        assertEquals(8, doc.items.get(1).b);
    }

    @Test
    void aListOpRewritesThatListButNothingElse() {
        var doc = new Doc();
        Value flushed = Bridge.toValue(doc);
        doc.counter = 2;
        doc.tags.add("host");
        Value proposed = Apply.apply(flushed, List.of(new Op.Insert(Path.parse("tags"), 0, Value.of("view"))));
        Bridge.updateInPlace(doc, proposed, Diff.diff(flushed, proposed));
        assertEquals(List.of("view", "x"), doc.tags, "the list an op changes is written as the proposal has it");
        assertEquals(2, doc.counter);
    }

    @Test
    void theWholeResultIsStillValidatedBeforeAnythingIsWritten() {
        var s = new Session();
        var doc = new Doc();
        long id = s.host(doc);
        SubmitResult r = s.submit(id, new Patch(0, List.of(
                new Op.Set(Path.parse("note"), Value.of("kept out")),
                new Op.Set(Path.parse("inner", "a"), Value.of("not a number")))));
        assertFalse(r.accepted());
        assertTrue(r.refusal().contains("at inner.a"), r.refusal());
        assertEquals("", doc.note, "nothing of a refused proposal is written");
    }

    @Test
    void anAcceptedProposalStillSendsItsChangeAndTheHostsLaterWrites() {
        var s = new Session();
        var doc = new Doc();
        long id = s.host(doc);
        var seen = new ArrayList<Patch>();
        s.onPatch((m, p) -> seen.add(p));
        SubmitResult r = s.submit(id, setInt(41, "inner", "b"));
        assertTrue(r.accepted(), r.refusal());
        doc.counter = 1;
        s.flush();
        assertEquals(2, seen.size());
        assertEquals(List.of(new Op.Set(Path.parse("counter"), Value.of(1))), seen.get(1).ops());
    }
}
