package io.transports.merge;

import static io.transports.merge.Writes.*;
import static org.junit.jupiter.api.Assertions.*;

import io.transports.patch.PatchException;
import io.transports.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DeepLww: a register at every map path, and the two cases where it converges and the reference does not. */
class DeepLwwTest {
    static final Value NESTED = v("{\"Map\":{\"a\":{\"Map\":{\"b\":{\"Int\":0},\"c\":{\"Int\":0}}},\"z\":{\"Int\":0}}}");

    static Value both(List<Write> writes) {
        Value forward = run(new DeepLww(), NESTED, writes);
        Value backward = run(new DeepLww(), NESTED, reversed(writes));
        assertEquals(forward, backward, "the two arrival orders differ");
        return forward;
    }

    @Test void concurrentEditsToDifferentNestedFieldsBothSurvive() {
        assertEquals(v("{\"Map\":{\"a\":{\"Map\":{\"b\":{\"Int\":1},\"c\":{\"Int\":2}}},\"z\":{\"Int\":0}}}"),
                both(List.of(w(2, "A", set(Value.of(1), "a", "b")), w(1, "B", set(Value.of(2), "a", "c")))));
    }

    @Test void theSameFieldKeepsTheHigherStamp() {
        assertEquals(v("{\"Map\":{\"a\":{\"Map\":{\"b\":{\"Int\":5},\"c\":{\"Int\":0}}},\"z\":{\"Int\":0}}}"),
                both(List.of(w(2, "A", set(Value.of(5), "a", "b")), w(1, "B", set(Value.of(4), "a", "b")))));
    }

    @Test void aNewerRemoveOfTheParentBeatsAnOlderSetOfAChild() {
        // the reference fails the child Set on the missing parent when it arrives second
        assertEquals(v("{\"Map\":{\"z\":{\"Int\":0}}}"), both(List.of(w(5, "A", remove("a")), w(3, "B", set(Value.of(1), "a", "b")))));
    }

    @Test void aNewerChildEditSurvivesAnOlderSetOfTheWholeParent() {
        // the reference keeps a.b = 9 in one arrival order and loses it in the other
        Value parent = v("{\"Map\":{\"b\":{\"Int\":1},\"c\":{\"Int\":1}}}");
        assertEquals(v("{\"Map\":{\"a\":{\"Map\":{\"b\":{\"Int\":9},\"c\":{\"Int\":1}}},\"z\":{\"Int\":0}}}"),
                both(List.of(w(3, "A", set(parent, "a")), w(5, "B", set(Value.of(9), "a", "b")))));
    }

    @Test void aChildWriteHiddenByAnOlderRemoveComesBackWhenAnOlderSetRecreatesItsParent() {
        // in stamp order: Remove a (1), Set a = {x} (2), Set a.y (3): the parent exists again for a.y
        List<Write> ws = List.of(w(1, "A", remove("a")), w(2, "B", set(v("{\"Map\":{\"x\":{\"Int\":1}}}"), "a")),
                w(3, "C", set(Value.of(5), "a", "y")));
        Value want = v("{\"Map\":{\"a\":{\"Map\":{\"x\":{\"Int\":1},\"y\":{\"Int\":5}}},\"z\":{\"Int\":0}}}");
        for (List<Write> order : List.of(ws, List.of(ws.get(2), ws.get(0), ws.get(1)), List.of(ws.get(1), ws.get(2), ws.get(0)), reversed(ws))) {
            assertEquals(want, run(new DeepLww(), NESTED, order), () -> "order " + order);
        }
    }

    @Test void aSetUnderAScalarThatNoWriteMadeIsRefusedNamingThePath() {
        PatchException e = assertThrows(PatchException.class, () -> w(1, "A", set(Value.of(1), "z", "q")).into(new DeepLww(), NESTED));
        assertTrue(e.getMessage().contains("z.q"), e.getMessage());
    }

    @Test void listIndexOpsAreAppliedAsTheyArrive() {
        Value listy = v("{\"Map\":{\"l\":{\"List\":[{\"Int\":1}]}}}");
        DeepLww s = new DeepLww();
        Value out = run(s, listy, List.of(w(1, "A", insert(1, Value.of(2), "l")), w(0, "B", set(Value.of(7), "l", 0))));
        assertEquals(v("{\"Map\":{\"l\":{\"List\":[{\"Int\":7},{\"Int\":2}]}}}"), out);
    }

    @Test void stateHasTheReferenceClockAndTheRegistersAndRoundTrips() {
        DeepLww s = new DeepLww();
        Value v = run(s, NESTED, List.of(w(2, "A", set(Value.of(1), "a", "b")), w(3, "B", remove("z"))));
        Value st = s.state();
        assertEquals(v("{\"List\":[{\"List\":[{\"List\":[{\"Str\":\"a\"},{\"Str\":\"b\"}]},{\"List\":[{\"Int\":2},{\"Str\":\"A\"}]}]},"
                + "{\"List\":[{\"List\":[{\"Str\":\"z\"}]},{\"List\":[{\"Int\":3},{\"Str\":\"B\"}]}]}]}"),
                ((io.transports.value.MapValue) st).get("clock"));
        DeepLww r = new DeepLww();
        r.restore(st);
        assertEquals(st, r.state());
        Write stale = w(1, "C", set(Value.of(9), "a", "b"));
        assertEquals(stale.into(s, v), stale.into(r, v));
    }

    @Test void aClockOnlyStateFromThePythonHubRestoresAndKeepsTheModelsValues() {
        DeepLww s = new DeepLww();
        Value model = v("{\"Map\":{\"a\":{\"Map\":{\"b\":{\"Int\":7},\"c\":{\"Int\":0}}}}}");
        s.restore(v("{\"Map\":{\"clock\":{\"List\":[{\"List\":[{\"List\":[{\"Str\":\"a\"},{\"Str\":\"b\"}]},{\"List\":[{\"Int\":4},{\"Str\":\"A\"}]}]}]}}}"));
        Value out = w(2, "B", set(v("{\"Map\":{\"b\":{\"Int\":0},\"c\":{\"Int\":3}}}"), "a")).into(s, model);
        assertEquals(v("{\"Map\":{\"a\":{\"Map\":{\"b\":{\"Int\":7},\"c\":{\"Int\":3}}}}}"), out); // a.b (4) is newer
    }

    @Test void aFailedWriteOfSeveralOpsLeavesTheRegistersAsTheyWere() {
        DeepLww s = new DeepLww();
        Value before = s.state();
        assertThrows(PatchException.class, () -> w(1, "A", set(Value.of(1), "a", "b"), remove("missing", "deep")).into(s, NESTED));
        assertEquals(before, s.state());
    }
}
