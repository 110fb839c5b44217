package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A proposal may not leave out a required property: a {@code Remove} of it, or a {@code Set} of an
 * object without it, is refused with the path ("Field required", as the Python reference says) instead
 * of the host silently writing 0 or null. Optional properties may be left out and become empty.
 */
class RequiredFieldsTest {
    public static class Inner {
        public String label = "in";
    }

    public static class Form {
        public int count = 3;
        public String note = "n";
        public Optional<String> nickname = Optional.of("nick");
        public OptionalInt rank = OptionalInt.of(2);
        @JsonInclude(JsonInclude.Include.NON_NULL) public String comment = "c";
        public Inner inner = new Inner();
        public Map<String, Integer> scores = new java.util.HashMap<>(Map.of("a", 1));
    }

    public record Point(int x, Optional<Integer> y) {}

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public static class AllOptional {
        public String a = "a";
        public int n = 1; // a primitive is never optional
    }

    private static Patch remove(Object... path) { return new Patch(0, List.of(new Op.Remove(Path.parse(path)))); }

    private static String refusal(Object hosted, Patch p) {
        var s = new Session();
        long id = s.host(hosted);
        Value before = s.value(id);
        SubmitResult r = s.submit(id, p);
        assertFalse(r.accepted(), "should be refused: " + p);
        assertEquals(before, s.value(id), "a refused proposal changes nothing");
        return r.refusal();
    }

    @Test
    void removingARequiredFieldIsRefusedWithItsPath() {
        var form = new Form();
        String why = refusal(form, remove("note"));
        assertTrue(why.startsWith("at note: Field required"), why);
        assertEquals("n", form.note);
        assertTrue(refusal(new Form(), remove("count")).startsWith("at count: Field required"));
        assertTrue(refusal(new Form(), remove("inner")).startsWith("at inner: Field required"));
    }

    @Test
    void removingARequiredFieldOfANestedObjectNamesTheNestedPath() {
        String why = refusal(new Form(), remove("inner", "label"));
        assertTrue(why.startsWith("at inner.label: Field required"), why);
    }

    @Test
    void settingAnObjectWithoutARequiredFieldIsRefused() {
        String why = refusal(new Form(), new Patch(0, List.of(new Op.Set(Path.parse("inner"), MapValue.of(Map.of())))));
        assertTrue(why.startsWith("at inner.label: Field required"), why);
    }

    @Test
    void aRecordComponentIsRequiredUnlessOptional() {
        assertTrue(refusal(new Point(1, Optional.of(2)), remove("x")).startsWith("at x: Field required"));
        var s = new Session();
        long id = s.host(new Point(1, Optional.of(2)));
        SubmitResult r = s.submit(id, remove("y"));
        assertTrue(r.accepted(), r.refusal());
        assertEquals(new Point(1, Optional.empty()), s.hosted(id));
    }

    @Test
    void optionalFieldsMayBeRemovedAndBecomeEmpty() {
        var s = new Session();
        var form = new Form();
        long id = s.host(form);
        SubmitResult r = s.submit(id, new Patch(0, List.of(
                new Op.Remove(Path.parse("nickname")), new Op.Remove(Path.parse("rank")), new Op.Remove(Path.parse("comment")))));
        assertTrue(r.accepted(), r.refusal());
        assertEquals(Optional.empty(), form.nickname);
        assertEquals(OptionalInt.empty(), form.rank);
        assertNull(form.comment);
        // every mirror, the proposer's too, is told the field is now Null (the bridge always writes every field)
        MapValue v = (MapValue) s.value(id);
        assertEquals(Value.NULL, v.get("nickname"));
        assertEquals(Value.NULL, v.get("comment"));
        assertTrue(r.patch().ops().contains(new Op.Set(Path.parse("nickname"), Value.NULL)), r.patch().ops().toString());
    }

    @Test
    void aClassLevelJsonIncludeMakesReferenceFieldsOptionalButNotPrimitives() {
        var s = new Session();
        var o = new AllOptional();
        long id = s.host(o);
        assertTrue(s.submit(id, remove("a")).accepted());
        assertNull(o.a);
        assertTrue(refusal(new AllOptional(), remove("n")).startsWith("at n: Field required"));
    }

    @Test
    void removingAMapEntryIsStillAnOrdinaryEdit() {
        var s = new Session();
        var form = new Form();
        long id = s.host(form);
        assertTrue(s.submit(id, remove("scores", "a")).accepted());
        assertEquals(Map.of(), form.scores);
    }
}
