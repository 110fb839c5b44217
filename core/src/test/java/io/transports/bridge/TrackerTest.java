package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.bridge.Fixtures.*;
import io.transports.patch.Op;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TrackerTest {

    static List<Op> sync(Tracker t) {
        List<Op> out = new ArrayList<>();
        t.sync(out);
        return out;
    }

    static Inventory inventory(int n) {
        Inventory inv = new Inventory();
        for (int i = 0; i < n; i++) {
            Device d = new Device("d" + i);
            d.watts = i;
            inv.devices.add(d);
        }
        return inv;
    }

    @Test void oneFieldChangeIsExactlyOneSetWithItsPath() {
        Device lamp = new Device("lamp");
        Tracker t = Bridge.track(lamp);
        lamp.on = true;
        assertEquals("[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}}]", sync(t).toString());
        assertEquals(Bridge.toValue(lamp), t.value());
    }

    @Test void nothingChangedGivesNoOpsAndTheSameValue() {
        Inventory inv = inventory(50);
        inv.stock.put("bulbs", 3);
        Tracker t = Bridge.track(inv);
        Value before = t.value();
        List<Op> out = new ArrayList<>();
        assertFalse(t.sync(out));
        assertTrue(out.isEmpty());
        assertSame(before, t.value());
    }

    @Test void aNestedLeafChangeSharesEveryOtherSubtree() {
        Inventory inv = inventory(10);
        Tracker t = Bridge.track(inv);
        MapValue before = (MapValue) t.value();
        inv.devices.get(7).watts = 700;
        assertEquals(List.of(new Op.Set(Path.parse("devices", 7, "watts"), Value.of(700))), sync(t));
        MapValue after = (MapValue) t.value();
        var oldList = (io.transports.value.ListValue) before.get("devices");
        var newList = (io.transports.value.ListValue) after.get("devices");
        assertSame(oldList.get(6), newList.get(6));
        assertSame(before.get("stock"), after.get("stock"));
        assertSame(((MapValue) oldList.get(7)).get("name"), ((MapValue) newList.get(7)).get("name"));
    }

    @Test void listAppendAndRemoveProduceOpsThatReachTheNewValue() {
        Inventory inv = inventory(3);
        Tracker t = Bridge.track(inv);
        inv.devices.add(new Device("new"));
        List<Op> ops = sync(t);
        assertEquals(Bridge.toValue(inv), t.value());
        assertEquals(Bridge.toValue(inv), Ops.apply(Bridge.toValue(inventory(3)), ops));
        Value beforeRemove = t.value();
        inv.devices.remove(0);
        List<Op> removed = sync(t);
        assertEquals(Bridge.toValue(inv), Ops.apply(beforeRemove, removed));
        assertTrue(removed.stream().allMatch(op -> op.path().size() >= 1 && op.path().get(0).equals(new Path.Key("devices"))));
    }

    @Test void listMoveProducesOpsThatReachTheNewValue() {
        Inventory inv = inventory(5);
        Tracker t = Bridge.track(inv);
        Value before = t.value();
        inv.devices.add(inv.devices.remove(0));
        List<Op> ops = sync(t);
        assertEquals(Bridge.toValue(inv), Ops.apply(before, ops));
    }

    @Test void mapFieldsDiffKeyByKey() {
        Inventory inv = new Inventory();
        inv.stock.put("a", 1);
        inv.stock.put("b", 2);
        Tracker t = Bridge.track(inv);
        inv.stock.put("b", 3);
        assertEquals(List.of(new Op.Set(Path.parse("stock", "b"), Value.of(3))), sync(t));
        inv.stock.remove("a");
        inv.stock.put("c", 4);
        assertEquals(List.of(new Op.Set(Path.parse("stock", "c"), Value.of(4)), new Op.Remove(Path.parse("stock", "a"))), sync(t));
    }

    @Test void primitiveArrayElementsAreComparedInPlace() {
        Inventory inv = new Inventory();
        Tracker t = Bridge.track(inv);
        inv.counts[1] = 9;
        assertEquals(List.of(new Op.Set(Path.parse("counts", 1), Value.of(9))), sync(t));
    }

    @Test void aChangeOfVariantIsOneSet() {
        Drawing d = new Drawing();
        Tracker t = Bridge.track(d);
        Circle c = new Circle();
        d.main = c;
        assertEquals(List.of(new Op.Set(Path.parse("main"), Bridge.toValue(c))), sync(t));
        d.main = new Square();
        assertEquals(List.of(new Op.Set(Path.parse("main"), Bridge.toValue(d.main))), sync(t));
    }

    @Test void aFailedSyncAdoptsNothingAndEmitsNothing() {
        Map<String, Object> root = new HashMap<>();
        root.put("a", 1.0);
        root.put("b", 2.0);
        Tracker t = Bridge.track(root);
        Value before = t.value();
        root.put("a", 5.0);
        root.put("b", Double.NaN);
        List<Op> out = new ArrayList<>();
        BridgeException e = assertThrows(BridgeException.class, () -> t.sync(out));
        assertEquals(Path.parse("b"), e.path());
        assertTrue(out.isEmpty());
        assertSame(before, t.value());
        root.put("b", 2.0);
        assertEquals(List.of(new Op.Set(Path.parse("a"), Value.of(5.0))), sync(t));
    }

    @Test void aCycleAppearingLaterIsRefusedWithItsPath() {
        Node n = new Node("a");
        Tracker t = Bridge.track(n);
        n.children.add(n);
        BridgeException e = assertThrows(BridgeException.class, () -> sync(t));
        assertEquals(Path.parse("children", 0), e.path());
    }

    @Test void resetAdoptsAValue() {
        Device lamp = new Device("lamp");
        Tracker t = Bridge.track(lamp);
        lamp.on = true;
        t.reset(Bridge.toValue(lamp));
        assertTrue(sync(t).isEmpty());
        assertSame(lamp, t.root());
    }

    @Test void recordsReplacedInAFieldAreComparedByValue() {
        class Holder { public Point p = new Point(1, 2); }
        Holder h = new Holder();
        Tracker t = Bridge.track(h);
        h.p = new Point(1, 2);
        assertTrue(sync(t).isEmpty());
        h.p = new Point(1, 3);
        assertEquals(List.of(new Op.Set(Path.parse("p", "y"), Value.of(3))), sync(t));
    }

    @Property(tries = 300)
    void randomMutationsKeepTheTrackedValueEqualToAFreshOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int steps) {
        Random rnd = new Random(seed);
        Inventory inv = inventory(rnd.nextInt(6));
        Tracker t = Bridge.track(inv);
        for (int s = 0; s < steps; s++) {
            int mutations = 1 + rnd.nextInt(3);
            for (int m = 0; m < mutations; m++) mutate(inv, rnd);
            Value before = t.value();
            List<Op> ops = new ArrayList<>();
            boolean changed = t.sync(ops);
            Value fresh = Bridge.toValue(inv);
            assertEquals(fresh, t.value());
            assertEquals(fresh, Ops.apply(before, ops));
            assertEquals(changed, !ops.isEmpty());
            if (!changed) assertSame(before, t.value());
        }
    }

    private static void mutate(Inventory inv, Random rnd) {
        List<Device> ds = inv.devices;
        int n = ds.size();
        switch (rnd.nextInt(11)) {
            case 0 -> { if (n > 0) ds.get(rnd.nextInt(n)).watts = rnd.nextInt(5); }
            case 1 -> { if (n > 0) ds.get(rnd.nextInt(n)).on ^= true; }
            case 2 -> { if (n > 0) ds.get(rnd.nextInt(n)).name = rnd.nextBoolean() ? null : "n" + rnd.nextInt(4); }
            case 3 -> ds.add(rnd.nextInt(n + 1), new Device("x" + rnd.nextInt(3)));
            case 4 -> { if (n > 0) ds.remove(rnd.nextInt(n)); }
            case 5 -> { if (n > 1) ds.add(rnd.nextInt(n), ds.remove(rnd.nextInt(n))); }
            case 6 -> { if (n > 1) java.util.Collections.swap(ds, rnd.nextInt(n), rnd.nextInt(n)); }
            case 7 -> inv.stock.put("k" + rnd.nextInt(4), rnd.nextInt(3));
            case 8 -> inv.stock.remove("k" + rnd.nextInt(4));
            case 9 -> inv.counts = rnd.nextBoolean() ? new int[rnd.nextInt(3)] : inv.counts;
            default -> { if (inv.counts.length > 0) inv.counts[rnd.nextInt(inv.counts.length)] = rnd.nextInt(3); }
        }
    }
}
