package io.transports.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.value.ListValue;
import io.transports.value.Path;
import io.transports.value.Value;
import io.transports.value.ValueText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties that tie {@link Diff} and {@link Apply} together over generated nested values. */
class DiffApplyPropertiesTest {

    @Provide Arbitrary<Value> values() { return Values.values(3); }

    @Provide Arbitrary<ListValue> smallIntLists() { return Values.smallIntLists(); }

    @Provide Arbitrary<ListValue> distinctLists() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4).list().uniqueElements().ofMaxSize(40)
                .map(l -> { List<Value> x = new ArrayList<>(); l.forEach(s -> x.add(Value.of(s))); return ListValue.of(x); });
    }

    @Property void applyingTheDiffOfTwoUnrelatedValuesGivesTheSecond(@ForAll("values") Value a, @ForAll("values") Value b) {
        assertEquals(b, Apply.apply(a, Diff.diff(a, b)));
    }

    @Property(tries = 1000) void applyingTheDiffOfAValueAndAnEditOfItGivesTheEdit(@ForAll("values") Value a, @ForAll long seed) {
        Value b = Values.mutate(a, new Random(seed));
        List<Op> ops = Diff.diff(a, b);
        assertEquals(b, Apply.apply(a, ops), () -> "ops " + ops);
        assertEquals(ValueText.write(b), ValueText.write(Apply.apply(a, ops)));
    }

    @Property(tries = 2000) void listsFullOfDuplicatesRoundTrip(@ForAll("smallIntLists") ListValue a, @ForAll("smallIntLists") ListValue b) {
        assertEquals(b, Apply.apply(a, Diff.diff(a, b)));
    }

    @Property(tries = 2000) void editedListsFullOfDuplicatesRoundTrip(@ForAll("smallIntLists") ListValue a, @ForAll long seed) {
        Value b = Values.mutate(a, new Random(seed));
        assertEquals(b, Apply.apply(a, Diff.diff(a, b)));
    }

    @Property void aValueDiffedWithItselfGivesNoOps(@ForAll("values") Value a) {
        assertEquals(List.of(), Diff.diff(a, a));
        assertEquals(List.of(), Diff.diff(a, Values.deepCopy(a)));
    }

    @Property void aPermutedListGivesOneReorderOrOnlyMoves(@ForAll("distinctLists") ListValue a, @ForAll long seed) {
        List<Value> x = new ArrayList<>(a.items());
        Collections.shuffle(x, new Random(seed));
        ListValue b = ListValue.of(x);
        List<Op> ops = Diff.diff(a, b);
        assertEquals(b, Apply.apply(a, ops));
        boolean oneReorder = ops.size() == 1 && ops.get(0) instanceof Op.Reorder;
        boolean onlyMoves = ops.stream().allMatch(op -> op instanceof Op.Move) && ops.size() <= ListDiff.MAX_MOVES;
        assertTrue(oneReorder || onlyMoves, () -> "ops " + ops);
    }

    @Property void aSingleMoveGivesOneMove(@ForAll("smallIntLists") ListValue a, @ForAll long seed) {
        if (a.size() < 2) return;
        Random r = new Random(seed);
        int from = r.nextInt(a.size()), to = r.nextInt(a.size());
        ListValue b = (ListValue) Apply.apply(a, List.of(new Op.Move(Path.ROOT, from, to)));
        List<Op> ops = Diff.diff(a, b);
        assertTrue(ops.size() <= 1, () -> "ops " + ops);
        if (!a.equals(b)) assertInstanceOf(Op.Move.class, ops.get(0));
        assertEquals(b, Apply.apply(a, ops));
    }

    @Property void aRefusedPatchLeavesTheValueAsItWasAndNamesTheOp(@ForAll("values") Value a, @ForAll("values") Value b) {
        List<Op> ops = new ArrayList<>(Diff.diff(a, b));
        ops.add(new Op.Remove(Path.parse("no such key", "really")));
        String before = ValueText.write(a);
        PatchException e = assertThrows(PatchException.class, () -> Apply.apply(a, ops));
        int last = ops.size() - 1;
        assertEquals(last, e.opIndex());
        assertTrue(e.getMessage().startsWith("op " + last + " (Remove) at no such key.really: "), e.getMessage());
        assertEquals(before, ValueText.write(a));
    }

    @Property(tries = 1000) void aLongRunOfListOpsInOnePatchMatchesApplyingThemOneByOneToAnArrayList(
            @ForAll("smallIntLists") ListValue start, @ForAll long seed) {
        Random r = new Random(seed);
        List<Value> model = new ArrayList<>(start.items());
        List<Op> ops = new ArrayList<>();
        for (int n = r.nextInt(40); n > 0; n--) {
            int size = model.size();
            int kind = size == 0 ? 0 : r.nextInt(5);
            if (kind == 0) {
                int i = r.nextInt(size + 1);
                Value v = Value.of((long) r.nextInt(100));
                ops.add(new Op.Insert(Path.ROOT, i, v));
                model.add(i, v);
            } else if (kind == 1) {
                int i = r.nextInt(size);
                ops.add(new Op.RemoveAt(Path.ROOT, i));
                model.remove(i);
            } else if (kind == 2) {
                int f = r.nextInt(size), t = r.nextInt(size);
                ops.add(new Op.Move(Path.ROOT, f, t));
                model.add(t, model.remove(f));
            } else if (kind == 3) {
                int i = r.nextInt(size);
                Value v = Value.of((long) r.nextInt(100));
                ops.add(new Op.Set(Path.parse(i), v));
                model.set(i, v);
            } else {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < size; i++) order.add(i);
                Collections.shuffle(order, r);
                List<Value> next = new ArrayList<>();
                for (int o : order) next.add(model.get(o));
                ops.add(new Op.Reorder(Path.ROOT, order.stream().mapToInt(Integer::intValue).toArray()));
                model = next;
            }
        }
        assertEquals(ListValue.of(model), Apply.apply(start, ops), () -> "ops " + ops);
    }
}
