package io.transports.bench;

import io.transports.ModelPatch;
import io.transports.Session;
import java.util.Arrays;
import java.util.List;

/**
 * The side-by-side flush workload (compare_python.sh runs this and python/flush_timer.py): the same
 * catalog, one changed leaf per drain, timed with System.nanoTime after a warm-up. Prints one line:
 * 'median_us=<x> p90_us=<y>'. JMH (FlushBench) gives the careful figures; this gives comparable ones.
 */
public final class FlushTimer {
    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Catalog catalog = Catalog.of(Catalog.itemsFor(nodes));
        Session session = new Session();
        session.host(catalog);
        int n = catalog.items.size();
        long[] times = new long[rounds];
        for (int tick = 1; tick <= rounds; tick++) {
            catalog.items.get(tick % n).qty = tick + 1000;
            long start = System.nanoTime();
            List<ModelPatch> out = session.drain();
            times[tick - 1] = System.nanoTime() - start;
            if (out.size() != 1 || out.get(0).patch().ops().size() != 1) throw new AssertionError(out);
        }
        long[] kept = Arrays.copyOfRange(times, rounds / 5, rounds); // drop warm-up
        Arrays.sort(kept);
        System.out.printf("median_us=%.1f p90_us=%.1f%n", kept[kept.length / 2] / 1e3, kept[(int) (kept.length * 0.9)] / 1e3);
    }
}
