package io.transports.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the exact ops {@link Diff} chooses for the cases docs/protocol.md describes, and that they apply. */
class DiffTest {
    static Value s(String x) { return Value.of(x); }

    static ListValue strs(String... xs) {
        List<Value> l = new ArrayList<>();
        for (String x : xs) l.add(s(x));
        return ListValue.of(l);
    }

    static MapValue map(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
        return MapValue.of(m);
    }

    static ListValue ints(int n) {
        Value[] a = new Value[n];
        for (int i = 0; i < n; i++) a[i] = Value.of("item " + i);
        return ListValue.wrap(a);
    }

    /** Diffs, checks the round trip, and returns the ops. */
    static List<Op> diff(Value a, Value b) {
        List<Op> ops = Diff.diff(a, b);
        assertEquals(b, Apply.apply(a, ops), "round trip of " + ops);
        return ops;
    }

    @Test void equalValuesGiveNoOps() {
        assertEquals(List.of(), diff(map("a", strs("x", "y")), map("a", strs("x", "y"))));
    }

    @Test void aChangedKeyIsOneSet() {
        assertEquals(List.of(new Op.Set(Path.parse("on"), Value.of(true))),
                diff(map("name", s("lamp"), "on", Value.of(false)), map("name", s("lamp"), "on", Value.of(true))));
    }

    @Test void aNewKeyIsASetAndADroppedKeyIsARemoveInKeyOrder() {
        assertEquals(List.of(new Op.Remove(Path.parse("a")), new Op.Set(Path.parse("b"), Value.of(2))),
                diff(map("a", Value.of(1)), map("b", Value.of(2))));
    }

    @Test void nestedChangesRecurse() {
        Value a = map("items", Value.list(map("label", s("x")), map("label", s("y"))));
        Value b = map("items", Value.list(map("label", s("x")), map("label", s("z"))));
        assertEquals(List.of(new Op.Set(Path.parse("items", 1, "label"), s("z"))), diff(a, b));
    }

    @Test void aChangeOfVariantIsOneSet() {
        assertEquals(List.of(new Op.Set(Path.parse("v"), Value.of(1.0))), diff(map("v", Value.of(1)), map("v", Value.of(1.0))));
    }

    @Test void floatZeroAndNegativeZeroDiffer() {
        assertEquals(List.of(new Op.Set(Path.ROOT, Value.of(-0.0))), diff(Value.of(0.0), Value.of(-0.0)));
    }

    @Test void aSingleMoveForwardIsOneMove() {
        assertEquals(List.of(new Op.Move(Path.ROOT, 0, 2)), diff(strs("a", "b", "c"), strs("b", "c", "a")));
    }

    @Test void aSingleMoveBackwardIsOneMove() {
        assertEquals(List.of(new Op.Move(Path.ROOT, 2, 0)), diff(strs("a", "b", "c"), strs("c", "a", "b")));
    }

    @Test void aReversalOfThreeIsOneReorder() {
        assertEquals(List.of(new Op.Reorder(Path.ROOT, new int[] {2, 1, 0})), diff(strs("a", "b", "c"), strs("c", "b", "a")));
    }

    @Test void twoSwapsInALongListAreMoves() {
        ListValue a = ints(100);
        Value[] x = a.toArray();
        Value t = x[10]; x[10] = x[20]; x[20] = t;
        List<Op> ops = diff(a, ListValue.wrap(x));
        assertEquals(2, ops.size());
        ops.forEach(op -> assertInstanceOf(Op.Move.class, op));
    }

    @Test void aShuffledListIsOneReorder() {
        ListValue a = ints(50);
        List<Value> x = new ArrayList<>(a.items());
        java.util.Collections.shuffle(x, new java.util.Random(7));
        List<Op> ops = diff(a, ListValue.of(x));
        assertEquals(1, ops.size());
        assertInstanceOf(Op.Reorder.class, ops.get(0));
    }

    @Test void appendingIsAnInsertAtTheTail() {
        assertEquals(List.of(new Op.Insert(Path.ROOT, 2, s("c"))), diff(strs("a", "b"), strs("a", "b", "c")));
    }

    @Test void truncatingIsRemoveAtsFromTheEnd() {
        assertEquals(List.of(new Op.RemoveAt(Path.ROOT, 3), new Op.RemoveAt(Path.ROOT, 2)),
                diff(strs("a", "b", "c", "d"), strs("a", "b")));
    }

    @Test void insertingAtTheFrontIsOneInsert() {
        assertEquals(List.of(new Op.Insert(Path.ROOT, 0, s("z"))), diff(strs("a", "b", "c"), strs("z", "a", "b", "c")));
    }

    @Test void removingInTheMiddleIsOneRemoveAt() {
        assertEquals(List.of(new Op.RemoveAt(Path.ROOT, 1)), diff(strs("a", "b", "c"), strs("a", "c")));
    }

    @Test void aChangedElementIsASetAtItsIndex() {
        assertEquals(List.of(new Op.Set(Path.parse(1), s("B"))), diff(strs("a", "b", "c"), strs("a", "B", "c")));
    }

    @Test void aMoveTogetherWithAnAppendIsAMoveAndAnInsert() {
        List<Op> ops = diff(strs("a", "b", "c", "d", "e", "f", "g", "h"), strs("h", "a", "b", "c", "d", "e", "f", "g", "i"));
        assertEquals(List.of(new Op.Move(Path.ROOT, 7, 0), new Op.Insert(Path.ROOT, 8, s("i"))), ops);
    }

    @Test void replacingEveryElementIsOneSetOfTheList() {
        assertEquals(List.of(new Op.Set(Path.parse("l"), strs("x", "y", "z"))),
                diff(map("l", strs("a", "b", "c")), map("l", strs("x", "y", "z"))));
    }

    @Test void emptyingAListIsOneSet() {
        assertEquals(List.of(new Op.Set(Path.ROOT, ListValue.EMPTY)), diff(strs("a", "b"), ListValue.EMPTY));
    }

    @Test void listsWithDuplicatesRoundTrip() {
        diff(strs("a", "a", "b", "a", "c", "b"), strs("b", "a", "a", "c", "a", "b", "b"));
        diff(strs("a", "b", "a", "b"), strs("b", "a", "b", "a"));
    }

    @Test void oneMoveInTenThousandIsOneMove() {
        ListValue a = ints(10_000);
        Value[] x = a.toArray();
        Value moved = x[0];
        System.arraycopy(x, 1, x, 0, 9_999);
        x[9_999] = moved;
        ListValue b = ListValue.wrap(x);
        for (int i = 0; i < 200; i++) Diff.diff(a, b); // warm up
        long[] micros = new long[51];
        for (int i = 0; i < micros.length; i++) {
            long t0 = System.nanoTime();
            Diff.diff(a, b);
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        java.util.Arrays.sort(micros);
        List<Op> ops = Diff.diff(a, b);
        System.out.println("diff of a 10,000-element list with one element moved: median " + micros[25] + " µs, fastest "
                + micros[0] + " µs (51 runs, printed not asserted), ops " + ops);
        assertEquals(List.of(new Op.Move(Path.ROOT, 0, 9_999)), ops);
        assertEquals(b, Apply.apply(a, ops));
    }

    @Test void aMessyRewriteOfABigListStaysCorrect() {
        ListValue a = ints(5_000);
        List<Value> x = new ArrayList<>(a.items());
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 500; i++) x.remove(r.nextInt(x.size()));
        for (int i = 0; i < 500; i++) x.add(r.nextInt(x.size()), Value.of(i));
        java.util.Collections.swap(x, 5, 4000);
        ListValue b = ListValue.of(x);
        long t0 = System.nanoTime();
        List<Op> ops = diff(a, b);
        System.out.println("messy diff of 5,000 elements: " + (System.nanoTime() - t0) / 1000 + " µs, " + ops.size() + " ops");
        assertTrue(ops.size() < 2_000, "ops: " + ops.size());
    }
}
