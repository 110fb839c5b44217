package io.transports.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import io.transports.value.ValueText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins what each op does, every way an op is refused, atomicity and structural sharing of {@link Apply}. */
class ApplyTest {
    static Value s(String x) { return Value.of(x); }

    static ListValue abc() { return Value.list(s("a"), s("b"), s("c")); }

    static Value model() {
        return VectorJson.value("{\"Map\":{\"items\":{\"List\":[{\"Map\":{\"label\":{\"Str\":\"x\"}}},{\"Str\":\"y\"}]},"
                + "\"name\":{\"Str\":\"lamp\"},\"on\":{\"Bool\":false}}}");
    }

    static Value apply(Value v, Op... ops) { return Apply.apply(v, Arrays.asList(ops)); }

    static PatchException refused(Value v, Op... ops) {
        String before = ValueText.write(v);
        PatchException e = assertThrows(PatchException.class, () -> apply(v, ops));
        assertEquals(before, ValueText.write(v));
        return e;
    }

    // --- what each op does

    @Test void moveFromZeroToTwoGivesBca() {
        assertEquals(Value.list(s("b"), s("c"), s("a")), apply(abc(), new Op.Move(Path.ROOT, 0, 2)));
    }

    @Test void moveFromTwoToZeroGivesCab() {
        assertEquals(Value.list(s("c"), s("a"), s("b")), apply(abc(), new Op.Move(Path.ROOT, 2, 0)));
    }

    @Test void moveToTheSameIndexChangesNothing() {
        assertEquals(abc(), apply(abc(), new Op.Move(Path.ROOT, 1, 1)));
    }

    @Test void reorder201GivesCab() {
        assertEquals(Value.list(s("c"), s("a"), s("b")), apply(abc(), new Op.Reorder(Path.ROOT, new int[] {2, 0, 1})));
    }

    @Test void setAtRootReplacesTheModel() {
        assertEquals(Value.of(7), apply(model(), new Op.Set(Path.ROOT, Value.of(7))));
    }

    @Test void setOfAnExistingKeyReplacesIt() {
        Value v = apply(model(), new Op.Set(Path.parse("on"), Value.of(true)));
        assertEquals(Value.of(true), ((MapValue) v).get("on"));
    }

    @Test void setOfANewKeyAddsItInWireOrder() {
        MapValue v = (MapValue) apply(model(), new Op.Set(Path.parse("color"), s("red")));
        assertEquals(List.of("color", "items", "name", "on"), new ArrayList<>(v.entries().keySet()));
    }

    @Test void setAtAListIndexReplacesTheElement() {
        assertEquals(Value.list(s("a"), s("z"), s("c")), apply(abc(), new Op.Set(Path.parse(1), s("z"))));
    }

    @Test void setDeepInsideAListOfMaps() {
        Value v = apply(model(), new Op.Set(Path.parse("items", 0, "label"), s("changed")));
        assertEquals(s("changed"), ((MapValue) ((ListValue) ((MapValue) v).get("items")).get(0)).get("label"));
    }

    @Test void removeDeletesTheMapEntry() {
        MapValue v = (MapValue) apply(model(), new Op.Remove(Path.parse("on")));
        assertEquals(List.of("items", "name"), new ArrayList<>(v.entries().keySet()));
    }

    @Test void insertAtLengthAppends() {
        assertEquals(Value.list(s("a"), s("b"), s("c"), s("d")), apply(abc(), new Op.Insert(Path.ROOT, 3, s("d"))));
    }

    @Test void insertAtZeroPrepends() {
        assertEquals(Value.list(s("d"), s("a"), s("b"), s("c")), apply(abc(), new Op.Insert(Path.ROOT, 0, s("d"))));
    }

    @Test void removeAtDeletesTheElement() {
        assertEquals(Value.list(s("a"), s("c")), apply(abc(), new Op.RemoveAt(Path.ROOT, 1)));
    }

    @Test void laterOpsSeeTheEffectOfEarlierOps() {
        Value v = apply(abc(),
                new Op.Insert(Path.ROOT, 3, s("d")),
                new Op.Move(Path.ROOT, 3, 0),
                new Op.RemoveAt(Path.ROOT, 1),
                new Op.Set(Path.parse(0), s("D")));
        assertEquals(Value.list(s("D"), s("b"), s("c")), v);
    }

    @Test void editsUnderAKeySetEarlierInThePatchLand() {
        Value v = apply(model(),
                new Op.Set(Path.parse("extra"), Value.list()),
                new Op.Insert(Path.parse("extra"), 0, Value.of(1)),
                new Op.Insert(Path.parse("extra"), 1, Value.of(2)));
        assertEquals(Value.list(Value.of(1), Value.of(2)), ((MapValue) v).get("extra"));
    }

    @Test void manyInsertsIntoOneListAllLand() {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 1000; i++) ops.add(new Op.Insert(Path.ROOT, i, Value.of(i)));
        ListValue v = (ListValue) Apply.apply(ListValue.EMPTY, ops);
        assertEquals(1000, v.size());
        assertEquals(Value.of(999), v.get(999));
    }

    @Test void anEmptyPatchReturnsTheSameValue() {
        Value m = model();
        assertSame(m, Apply.apply(m, List.of()));
    }

    @Test void applyTakesAPatchToo() {
        assertEquals(Value.list(s("b"), s("c"), s("a")), Apply.apply(abc(), new Patch(4, List.of(new Op.Move(Path.ROOT, 0, 2)))));
    }

    @Test void untouchedSubtreesAreShared() {
        MapValue m = (MapValue) model();
        MapValue v = (MapValue) apply(m, new Op.Set(Path.parse("name"), s("desk")));
        assertSame(m.get("items"), v.get("items"));
        assertSame(m.get("on"), v.get("on"));
    }

    @Test void untouchedListElementsAreShared() {
        MapValue m = (MapValue) model();
        MapValue v = (MapValue) apply(m, new Op.Set(Path.parse("items", 0, "label"), s("z")));
        assertSame(((ListValue) m.get("items")).get(1), ((ListValue) v.get("items")).get(1));
    }

    // --- refusals: the message names the op index, kind, path and reason

    @Test void removeAtPastTheEndNamesOpKindPathAndReason() {
        Value m = VectorJson.value("{\"Map\":{\"items\":{\"List\":[{\"Int\":1},{\"Int\":2},{\"Int\":3}]}}}");
        PatchException e = refused(m,
                new Op.Set(Path.parse("a"), Value.of(1)),
                new Op.Set(Path.parse("b"), Value.of(1)),
                new Op.RemoveAt(Path.parse("items"), 5));
        assertEquals("op 2 (RemoveAt) at items: index 5 out of range for a list of 3", e.getMessage());
        assertEquals(2, e.opIndex());
    }

    @Test void pathThroughAMissingKeyIsRefused() {
        PatchException e = refused(model(), new Op.Set(Path.parse("nope", "deeper"), Value.of(1)));
        assertTrue(e.getMessage().contains("missing key 'nope' in the map at <root>"), e.getMessage());
    }

    @Test void pathThroughAnIndexPastTheEndIsRefused() {
        PatchException e = refused(model(), new Op.Set(Path.parse("items", 9, "label"), Value.of(1)));
        assertTrue(e.getMessage().contains("index 9 out of range for a list of 2 at items"), e.getMessage());
    }

    @Test void keyIntoAListIsRefusedAsNotAMap() {
        PatchException e = refused(model(), new Op.Set(Path.parse("items", "label"), Value.of(1)));
        assertTrue(e.getMessage().contains("not a map: the value at items is a List"), e.getMessage());
    }

    @Test void keyIntoAScalarIsRefusedAsNotAMap() {
        PatchException e = refused(model(), new Op.Set(Path.parse("name", "first"), Value.of(1)));
        assertTrue(e.getMessage().contains("not a map"), e.getMessage());
    }

    @Test void indexIntoAMapIsRefusedAsNotAList() {
        PatchException e = refused(model(), new Op.Set(Path.parse(0), Value.of(1)));
        assertTrue(e.getMessage().contains("not a list: the value at <root> is a Map"), e.getMessage());
    }

    @Test void setAtAnIndexEqualToTheLengthIsRefused() {
        PatchException e = refused(abc(), new Op.Set(Path.parse(3), s("d")));
        assertTrue(e.getMessage().contains("index 3 out of range for a list of 3"), e.getMessage());
    }

    @Test void removeOfTheRootIsRefused() {
        PatchException e = refused(model(), new Op.Remove(Path.ROOT));
        assertTrue(e.getMessage().contains("ending in a Key"), e.getMessage());
    }

    @Test void removeEndingInAnIndexIsRefused() {
        PatchException e = refused(abc(), new Op.Remove(Path.parse(0)));
        assertTrue(e.getMessage().startsWith("op 0 (Remove) at [0]: "), e.getMessage());
        assertTrue(e.getMessage().contains("ending in a Key"), e.getMessage());
    }

    @Test void removeOfAnAbsentKeyIsRefused() {
        PatchException e = refused(model(), new Op.Remove(Path.parse("color")));
        assertTrue(e.getMessage().contains("missing key 'color'"), e.getMessage());
    }

    @Test void removeOfAKeyRemovedEarlierInThePatchIsRefused() {
        PatchException e = refused(model(), new Op.Remove(Path.parse("on")), new Op.Remove(Path.parse("on")));
        assertEquals(1, e.opIndex());
    }

    @Test void insertPastTheLengthIsRefused() {
        PatchException e = refused(abc(), new Op.Insert(Path.ROOT, 4, s("d")));
        assertTrue(e.getMessage().contains("index 4 out of range"), e.getMessage());
    }

    @Test void insertAtANegativeIndexIsRefused() {
        assertTrue(refused(abc(), new Op.Insert(Path.ROOT, -1, s("d"))).getMessage().contains("out of range"));
    }

    @Test void removeAtANegativeIndexIsRefused() {
        assertTrue(refused(abc(), new Op.RemoveAt(Path.ROOT, -1)).getMessage().contains("out of range"));
    }

    @Test void moveFromPastTheEndIsRefused() {
        assertTrue(refused(abc(), new Op.Move(Path.ROOT, 3, 0)).getMessage().contains("from 3 out of range for a list of 3"));
    }

    @Test void moveToPastTheEndIsRefused() {
        assertTrue(refused(abc(), new Op.Move(Path.ROOT, 0, 3)).getMessage().contains("to 3 out of range for a list of 3"));
    }

    @Test void reorderOfTheWrongLengthIsRefused() {
        assertTrue(refused(abc(), new Op.Reorder(Path.ROOT, new int[] {1, 0})).getMessage().contains("not a permutation"));
    }

    @Test void reorderWithADuplicateIsRefused() {
        PatchException e = refused(abc(), new Op.Reorder(Path.ROOT, new int[] {0, 0, 1}));
        assertTrue(e.getMessage().contains("not a permutation of 0..2: 0 appears twice"), e.getMessage());
    }

    @Test void reorderWithAnEntryOutOfRangeIsRefused() {
        PatchException e = refused(abc(), new Op.Reorder(Path.ROOT, new int[] {0, 1, 3}));
        assertTrue(e.getMessage().contains("not a permutation"), e.getMessage());
    }

    @Test void listOpsOnAMapAreRefusedAsNotAList() {
        for (Op op : List.of(new Op.Insert(Path.ROOT, 0, s("x")), new Op.RemoveAt(Path.ROOT, 0),
                new Op.Move(Path.ROOT, 0, 0), new Op.Reorder(Path.ROOT, new int[0]))) {
            PatchException e = refused(model(), op);
            assertTrue(e.getMessage().contains("not a list"), e.getMessage());
        }
    }

    @Test void listOpsOnAScalarAreRefusedAsNotAList() {
        PatchException e = refused(model(), new Op.Insert(Path.parse("name"), 0, s("x")));
        assertTrue(e.getMessage().contains("not a list: the value at name is a Str"), e.getMessage());
    }

    @Test void aNullOpIsRefused() {
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.Move(Path.ROOT, 0, 1));
        ops.add(null);
        PatchException e = assertThrows(PatchException.class, () -> Apply.apply(abc(), ops));
        assertEquals(1, e.opIndex());
    }

    @Test void aLateFailureDiscardsEarlierOps() {
        Value m = model();
        PatchException e = refused(m,
                new Op.Set(Path.parse("name"), s("desk")),
                new Op.Insert(Path.parse("items"), 2, s("z")),
                new Op.Remove(Path.parse("missing")));
        assertEquals(2, e.opIndex());
        assertEquals(s("lamp"), ((MapValue) m).get("name"));
    }

    @Test void anAmbiguousReadablePathIsFollowedByItsJsonForm() {
        PatchException e = refused(model(), new Op.Remove(Path.parse("a.b")));
        assertTrue(e.getMessage().startsWith("op 0 (Remove) at a.b [{\"Key\":\"a.b\"}]: missing key"), e.getMessage());
    }
}
