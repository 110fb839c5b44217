package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.transports.bridge.Fixtures.Device;
import io.transports.bridge.Fixtures.Inventory;
import io.transports.patch.Op;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Tracker, as a property: after random mutations of a hosted object graph the tracked value always
 * equals a fresh conversion, and the emitted ops take the previous value there. (Kept apart from
 * TrackerTest so each test engine reports its own class.)
 */
class TrackerPropertiesTest {

    @Property(tries = 300)
    void randomMutationsKeepTheTrackedValueEqualToAFreshOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int steps) {
        Random rnd = new Random(seed);
        Inventory inv = TrackerTest.inventory(rnd.nextInt(6));
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
