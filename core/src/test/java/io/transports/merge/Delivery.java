package io.transports.merge;

import io.transports.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Delivering the same writes to fresh strategies in different orders, for the convergence properties:
 * every permutation (up to {@link #MAX_PERMUTED} writes; beyond that a sample of shuffles), and
 * shuffles with some writes delivered twice.
 */
final class Delivery {
    static final int MAX_PERMUTED = 5;

    private Delivery() {}

    /** The value after each delivery order; the first is the given order. */
    static List<Value> everyOrder(Supplier<MergeStrategy> fresh, Value start, List<Writes.Write> writes, long seed) {
        List<Value> out = new ArrayList<>();
        for (List<Writes.Write> order : orders(writes, seed)) out.add(asTheHub(fresh.get(), start, order));
        return out;
    }

    /** The writes merged in this order, a refused one (PatchException) leaving the value as it was, as a hub does. */
    static Value asTheHub(MergeStrategy s, Value start, List<Writes.Write> order) {
        Value v = start;
        for (Writes.Write w : order) {
            try {
                v = w.into(s, v);
            } catch (io.transports.patch.PatchException refused) {
                // the hub refuses it to the writer alone; the model carries on
            }
        }
        return v;
    }

    static List<List<Writes.Write>> orders(List<Writes.Write> writes, long seed) {
        List<List<Writes.Write>> out = new ArrayList<>();
        if (writes.size() <= MAX_PERMUTED) {
            permute(new ArrayList<>(writes), 0, out);
        } else {
            Random r = new Random(seed);
            out.add(writes);
            for (int i = 0; i < 120; i++) {
                List<Writes.Write> s = new ArrayList<>(writes);
                Collections.shuffle(s, r);
                out.add(s);
            }
        }
        return out;
    }

    private static void permute(List<Writes.Write> a, int k, List<List<Writes.Write>> out) {
        if (k == a.size()) {
            out.add(List.copyOf(a));
            return;
        }
        for (int i = k; i < a.size(); i++) {
            Collections.swap(a, k, i);
            permute(a, k + 1, out);
            Collections.swap(a, k, i);
        }
    }

    /**
     * Interleavings of the writers' sequences that keep each writer's own order: all of them when there
     * are at most {@code limit}, else {@code limit} random ones.
     */
    static List<List<Writes.Write>> interleavings(List<List<Writes.Write>> perWriter, Random r, int limit) {
        List<List<Writes.Write>> out = new ArrayList<>();
        interleave(perWriter, new int[perWriter.size()], new ArrayList<>(), out, limit + 1);
        if (out.size() <= limit) return out;
        out.clear();
        for (int k = 0; k < limit; k++) {
            int[] next = new int[perWriter.size()];
            List<Writes.Write> one = new ArrayList<>();
            List<Integer> open = new ArrayList<>();
            for (int w = 0; w < perWriter.size(); w++) for (int i = 0; i < perWriter.get(w).size(); i++) open.add(w);
            Collections.shuffle(open, r);
            for (int w : open) one.add(perWriter.get(w).get(next[w]++));
            out.add(one);
        }
        return out;
    }

    private static void interleave(List<List<Writes.Write>> perWriter, int[] next, List<Writes.Write> prefix, List<List<Writes.Write>> out, int cap) {
        if (out.size() >= cap) return;
        boolean any = false;
        for (int w = 0; w < perWriter.size(); w++) {
            if (next[w] == perWriter.get(w).size()) continue;
            any = true;
            prefix.add(perWriter.get(w).get(next[w]++));
            interleave(perWriter, next, prefix, out, cap);
            next[w]--;
            prefix.remove(prefix.size() - 1);
        }
        if (!any) out.add(List.copyOf(prefix));
    }

    /** A shuffle of the writes in which some are delivered twice. */
    static List<Writes.Write> withDuplicates(List<Writes.Write> writes, Random r) {
        List<Writes.Write> out = new ArrayList<>(writes);
        for (Writes.Write w : writes) if (r.nextBoolean()) out.add(w);
        Collections.shuffle(out, r);
        return out;
    }
}
