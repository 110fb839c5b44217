package io.transports.merge;

import static io.transports.merge.Writes.*;
import static org.junit.jupiter.api.Assertions.*;

import io.transports.patch.PatchException;
import io.transports.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-top-level-key LWW rules (the reference's LwwMapCrdt) and last write wins, one rule a test. */
class LwwMapTest {
    static final Value BASE = v("{\"Map\":{\"x\":{\"Int\":0},\"y\":{\"Int\":0}}}");

    @Test void conflictingWritesToOneKeyKeepTheHigherStampInEitherOrder() {
        Write a = w(1, "A", set(Value.of(1), "x")), b = w(1, "B", set(Value.of(2), "x"));
        Value ab = run(new LwwMap(), BASE, List.of(a, b)), ba = run(new LwwMap(), BASE, List.of(b, a));
        assertEquals(ab, ba);
        assertEquals(Value.of(2), ((io.transports.value.MapValue) ab).get("x")); // (1,"B") > (1,"A")
    }

    @Test void lastWriteWinsKeepsWhicheverArrivedLast() {
        Write a = w(1, "A", set(Value.of(1), "x")), b = w(1, "B", set(Value.of(2), "x"));
        assertNotEquals(run(new LastWriteWins(), BASE, List.of(a, b)), run(new LastWriteWins(), BASE, List.of(b, a)));
        assertFalse(new LastWriteWins().converges());
        assertEquals(Value.map(java.util.Map.of()), new LastWriteWins().state());
    }

    @Test void writesToDifferentKeysBothSurvive() {
        Value out = run(new LwwMap(), BASE, List.of(w(1, "A", set(Value.of(1), "x")), w(1, "B", set(Value.of(1), "y"))));
        assertEquals(v("{\"Map\":{\"x\":{\"Int\":1},\"y\":{\"Int\":1}}}"), out);
    }

    @Test void aStaleWriteIsDroppedAndAnEqualStampIsAccepted() {
        LwwMap s = new LwwMap();
        Value v = w(5, "A", set(Value.of(5), "x")).into(s, BASE);
        assertSame(v, w(4, "Z", set(Value.of(4), "x")).into(s, v)); // older: nothing changes
        assertEquals(v("{\"Map\":{\"x\":{\"Int\":6},\"y\":{\"Int\":0}}}"), w(5, "A", set(Value.of(6), "x")).into(s, v));
    }

    @Test void nestedOpsAreStampedByTheirTopKey() {
        Value nested = v("{\"Map\":{\"a\":{\"Map\":{\"b\":{\"Int\":0},\"c\":{\"Int\":0}}}}}");
        LwwMap s = new LwwMap();
        Value v = w(2, "A", set(Value.of(1), "a", "b")).into(s, nested);
        v = w(1, "B", set(Value.of(2), "a", "c")).into(s, v); // lower stamp on the same top key: dropped
        assertEquals(v("{\"Map\":{\"a\":{\"Map\":{\"b\":{\"Int\":1},\"c\":{\"Int\":0}}}}}"), v);
    }

    @Test void removeOfAnAbsentKeyIsANoOpAndTakesTheStamp() {
        LwwMap s = new LwwMap();
        Value v = w(3, "A", remove("nope")).into(s, BASE);
        assertEquals(BASE, v);
        assertEquals(v("{\"Map\":{\"clock\":{\"Map\":{\"nope\":{\"List\":[{\"Int\":3},{\"Str\":\"A\"}]}}}}}"), s.state());
    }

    @Test void aNonMapModelIsWholeValueLastWriteWins() {
        LwwMap s = new LwwMap();
        Value out = run(s, Value.of(1), List.of(w(5, "A", set(Value.of(5))), w(1, "B", set(Value.of(9)))));
        assertEquals(Value.of(9), out); // arrival order: no stamps for a scalar model
    }

    @Test void aFailedWriteLeavesTheClockAsItWas() {
        LwwMap s = new LwwMap();
        Value before = s.state();
        PatchException e = assertThrows(PatchException.class,
                () -> w(1, "A", set(Value.of(1), "x"), set(Value.of(2), "y", "deep")).into(s, BASE));
        assertTrue(e.getMessage().startsWith("op 1 (Set) at y.deep"), e.getMessage());
        assertEquals(before, s.state());
    }

    @Test void stateRoundTripsAndARestoredStrategyDropsTheSameWrites() {
        LwwMap s = new LwwMap();
        Value v = w(7, "A", set(Value.of(7), "x")).into(s, BASE);
        LwwMap r = new LwwMap();
        r.restore(s.state());
        assertEquals(s.state(), r.state());
        assertSame(v, w(6, "B", set(Value.of(6), "x")).into(r, v));
    }

    @Test void aMalformedStateIsRefusedNamingWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LwwMap().restore(v("{\"Map\":{\"clock\":{\"Map\":{\"x\":{\"List\":[{\"Int\":1}]}}}}}")));
        assertTrue(e.getMessage().contains("clock.x"), e.getMessage());
    }
}
