package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.SubmitResult;
import io.transports.bridge.FormFixtures.Everything;
import io.transports.bridge.FormFixtures.Item;
import io.transports.bridge.FormFixtures.Mode;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The structural edits a form makes (docs/jupyter.md): each op kind is accepted when the Java object
 * can hold the result, and refused with a reason naming the path otherwise, leaving it unchanged.
 */
class StructuralProposalTest {
    private final Session session = new Session();
    private final Everything e = new Everything();
    private final long id = session.host(e);

    private SubmitResult propose(Op... ops) { return session.submit(id, new Patch(0, List.of(ops))); }

    private static Value item(String title, Value qty) { return Value.map(Map.of("title", Value.of(title), "qty", qty)); }

    private void refused(SubmitResult r, String containing) {
        assertFalse(r.accepted(), "should be refused");
        assertTrue(r.refusal().contains(containing), r.refusal());
    }

    @Test void insertRemoveAtAndMoveOnAListOfRecords() {
        assertTrue(propose(new Op.Insert(Path.parse("items"), 1, item("new", Value.of(0)))).accepted());
        assertEquals(List.of("a", "new", "b", "c"), e.items.stream().map(Item::title).toList());
        assertTrue(propose(new Op.Move(Path.parse("items"), 0, 3)).accepted());
        assertEquals(List.of("new", "b", "c", "a"), e.items.stream().map(Item::title).toList());
        assertTrue(propose(new Op.RemoveAt(Path.parse("items"), 1)).accepted());
        assertEquals(List.of("new", "c", "a"), e.items.stream().map(Item::title).toList());
    }

    @Test void anItemJavaCannotHoldIsRefused() {
        refused(propose(new Op.Insert(Path.parse("items"), 0, item("x", Value.of("many")))), "items[0].qty");
        refused(propose(new Op.Insert(Path.parse("items"), 0, Value.of(5))), "items[0]");
        refused(propose(new Op.RemoveAt(Path.parse("items"), 9)), "invalid edit");
        refused(propose(new Op.Set(Path.parse("items", 0, "qty"), Value.NULL)), "items[0].qty");
        assertEquals(3, e.items.size());
    }

    @Test void setAndRemoveMapKeys() {
        assertTrue(propose(new Op.Set(Path.parse("counts", "y"), Value.of(2))).accepted());
        assertEquals(Map.of("x", 1, "y", 2), e.counts);
        assertTrue(propose(new Op.Remove(Path.parse("counts", "x"))).accepted());
        assertEquals(Map.of("y", 2), e.counts);
        // a rename is a Remove and a Set in one proposal
        assertTrue(propose(new Op.Remove(Path.parse("counts", "y")), new Op.Set(Path.parse("counts", "z"), Value.of(2))).accepted());
        assertEquals(Map.of("z", 2), e.counts);
        refused(propose(new Op.Set(Path.parse("counts", "w"), Value.of("lots"))), "counts.w");
        assertEquals(Map.of("z", 2), e.counts);
    }

    @Test void nullableAndOptionalFieldsCanBeClearedAndSet() {
        assertTrue(propose(new Op.Set(Path.parse("note"), Value.NULL)).accepted());
        assertNull(e.note);
        assertTrue(propose(new Op.Set(Path.parse("maybe"), Value.NULL)).accepted());
        assertEquals(Optional.empty(), e.maybe);
        assertTrue(propose(new Op.Set(Path.parse("maybe"), Value.of("back"))).accepted());
        assertEquals(Optional.of("back"), e.maybe);
        assertTrue(propose(new Op.Set(Path.parse("pinned"), Value.NULL)).accepted());
        assertNull(e.pinned);
        assertTrue(propose(new Op.Set(Path.parse("pinned"), item("again", Value.of(4)))).accepted());
        assertEquals(new Item("again", 4), e.pinned);
    }

    @Test void enumsTakeTheirConstantsOnly() {
        assertTrue(propose(new Op.Set(Path.parse("mode"), Value.of("TURBO"))).accepted());
        assertEquals(Mode.TURBO, e.mode);
        SubmitResult r = propose(new Op.Set(Path.parse("mode"), Value.of("FAST")));
        refused(r, "mode");
        assertTrue(r.refusal().contains("ECO") || r.refusal().contains("FAST"), r.refusal());
        assertEquals(Mode.TURBO, e.mode);
    }

    @Test void javaTimeTakesIsoTextOnly() {
        assertTrue(propose(new Op.Set(Path.parse("day"), Value.of("2026-02-03"))).accepted());
        assertEquals(LocalDate.of(2026, 2, 3), e.day);
        refused(propose(new Op.Set(Path.parse("day"), Value.of("2026-13-01"))), "day");
        assertEquals(LocalDate.of(2026, 2, 3), e.day);
    }

    @Test void bigDecimalTakesNumbers() {
        assertTrue(propose(new Op.Set(Path.parse("money"), Value.of(2.25))).accepted());
        assertEquals(0, new BigDecimal("2.25").compareTo(e.money));
        assertTrue(propose(new Op.Set(Path.parse("money"), Value.of(3))).accepted());
        assertEquals(0, new BigDecimal("3").compareTo(e.money));
        refused(propose(new Op.Set(Path.parse("money"), Value.of("cheap"))), "money");
    }
}
