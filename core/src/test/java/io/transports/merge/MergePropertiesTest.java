package io.transports.merge;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.value.ListValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The merge strategies' claims, checked over generated concurrent writes: a strategy that says it
 * converges ends in the same value over every delivery order of the same writes and over duplicated
 * deliveries; last write wins is shown not to; the sequence CRDT keeps every concurrent insert, never
 * brings back a deleted element and keeps each writer's order; saving and restoring a strategy in the
 * middle of a stream changes nothing. {@code -Dtransports.full=true} runs each try for
 * {@value FullTries#FACTOR} seeds ({@link FullTries}).
 */
class MergePropertiesTest {

    static void allEqual(List<Value> results, Object writes) {
        for (int i = 1; i < results.size(); i++) {
            assertEquals(results.get(0), results.get(i), () -> "delivery orders end differently for " + writes);
        }
    }

    // --- LwwMap ---------------------------------------------------------------------------------

    @Property(tries = 200) void lwwMapConvergesOverEveryOrder(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int n) {
        FullTries.repeat(seed, trySeed -> {
            List<Writes.Write> ws = MergeGen.flatWrites(new Random(trySeed), n);
            allEqual(Delivery.everyOrder(LwwMap::new, MergeGen.FLAT, ws, trySeed), ws);
        });
    }

    @Property(tries = 200) void lwwMapIgnoresDuplicates(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        FullTries.repeat(seed, trySeed -> {
            Random r = new Random(trySeed);
            List<Writes.Write> ws = MergeGen.flatWrites(r, n);
            assertEquals(Writes.run(new LwwMap(), MergeGen.FLAT, ws), Writes.run(new LwwMap(), MergeGen.FLAT, Delivery.withDuplicates(ws, r)));
        });
    }

    // --- DeepLww --------------------------------------------------------------------------------

    @Property(tries = 200) void deepLwwConvergesOverEveryOrder(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int n) {
        FullTries.repeat(seed, trySeed -> {
            List<Writes.Write> ws = MergeGen.nestedWrites(new Random(trySeed), n);
            allEqual(Delivery.everyOrder(DeepLww::new, MergeGen.NESTED, ws, trySeed), ws);
        });
    }

    @Property(tries = 200) void deepLwwIgnoresDuplicates(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        FullTries.repeat(seed, trySeed -> {
            Random r = new Random(trySeed);
            List<Writes.Write> ws = MergeGen.nestedWrites(r, n);
            assertEquals(Writes.run(new DeepLww(), MergeGen.NESTED, ws), Writes.run(new DeepLww(), MergeGen.NESTED, Delivery.withDuplicates(ws, r)));
        });
    }

    // --- last write wins --------------------------------------------------------------------------

    /**
     * The same search that finds no counterexample for LwwMap finds one for last write wins: over the
     * generated write sets, some pair of delivery orders ends differently. (A property that must fail,
     * asserted as such, with the counterexample in the message.)
     */
    @Property(tries = 3) void lastWriteWinsIsFoundNotToConverge(@ForAll long seed) {
        FullTries.repeat(seed, trySeed -> {
            Random r = new Random(trySeed);
            List<Writes.Write> found = null;
            for (int attempt = 0; attempt < 500 && found == null; attempt++) {
                List<Writes.Write> ws = MergeGen.flatWrites(r, 2 + r.nextInt(3));
                List<Value> results = Delivery.everyOrder(LastWriteWins::new, MergeGen.FLAT, ws, trySeed);
                if (results.stream().distinct().count() > 1) {
                    found = ws;
                    allEqual(Delivery.everyOrder(LwwMap::new, MergeGen.FLAT, ws, trySeed), ws); // same writes: LwwMap agrees
                }
            }
            assertNotNull(found, "no counterexample to last write wins' convergence in 500 write sets");
            assertFalse(new LastWriteWins().converges());
        });
    }

    // --- SequenceCrdt ---------------------------------------------------------------------------

    /** One round of concurrent list writes, all based on revision 0 of {@code seen}; values tagged by round. */
    static List<Writes.Write> listRound(Random r, ListValue seen, long round, int writers, boolean shuffles, List<List<Value>> intended) {
        List<Writes.Write> ws = new ArrayList<>();
        List<String> origins = new ArrayList<>(MergeGen.ORIGINS);
        java.util.Collections.shuffle(origins, r);
        for (int i = 0; i < writers; i++) {
            List<Value> meant = new ArrayList<>();
            ws.add(MergeGen.write(new Stamp(0, origins.get(i)), MergeGen.listOps(r, seen, "r" + round + "w" + i + "n", shuffles, meant)));
            intended.add(meant);
        }
        return ws;
    }

    /**
     * Writers that each send one to three writes, all based on revision 0 (the revision their mirrors
     * hold), their own writes in order (one connection) and everyone's interleaved in every possible way:
     * every interleaving ends in the same value.
     */
    @Property(tries = 100) void sequenceConvergesOverEveryInterleaving(@ForAll long seed, @ForAll @IntRange(min = 0, max = 6) int size,
            @ForAll @IntRange(min = 2, max = 3) int writers) {
        FullTries.repeat(seed, trySeed -> {
            Random r = new Random(trySeed);
            ListValue start = MergeGen.baseList(size);
            List<List<Writes.Write>> perWriter = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                List<Writes.Write> own = new ArrayList<>();
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    own.add(MergeGen.write(new Stamp(0, MergeGen.ORIGINS.get(i)), MergeGen.listOps(r, start, "w" + i + "k" + k + "n", true, new ArrayList<>())));
                }
                perWriter.add(own);
            }
            List<List<Writes.Write>> interleavings = Delivery.interleavings(perWriter, r, 200);
            List<Value> results = new ArrayList<>();
            for (List<Writes.Write> order : interleavings) results.add(Delivery.asTheHub(new SequenceCrdt(), start, order));
            allEqual(results, perWriter);
        });
    }

    @Property(tries = 60) void textConvergesOverEveryOrder(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int writers) {
        FullTries.repeat(seed, trySeed -> {
            Random r = new Random(trySeed);
            String start = MergeGen.textEdit(r, "the quick fox");
            List<Writes.Write> ws = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                ws.add(MergeGen.write(new Stamp(0, MergeGen.ORIGINS.get(i)), List.of(new io.transports.patch.Op.Set(io.transports.value.Path.ROOT,
                        Value.of(MergeGen.textEdit(r, start))))));
            }
            allEqual(Delivery.everyOrder(SequenceCrdt::new, Value.of(start), ws, trySeed), ws);
        });
    }

    @Property(tries = 200) void sequenceIgnoresDuplicates(@ForAll long seed, @ForAll @IntRange(min = 0, max = 6) int size,
            @ForAll @IntRange(min = 1, max = 4) int writers) {
        FullTries.repeat(seed, trySeed -> {
            Random r = new Random(trySeed);
            ListValue start = MergeGen.baseList(size);
            List<Writes.Write> ws = listRound(r, start, 0, writers, true, new ArrayList<>());
            assertEquals(Writes.run(new SequenceCrdt(), start, ws), Writes.run(new SequenceCrdt(), start, Delivery.withDuplicates(ws, r)));
        });
    }

    @Property(tries = 300) void concurrentInsertsSurviveDeletesStayDeletedAndEachWritersOrderIsKept(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 6) int size, @ForAll @IntRange(min = 2, max = 5) int writers) {
        FullTries.repeat(seed, trySeed -> {
            Random r = new Random(trySeed);
            ListValue start = MergeGen.baseList(size);
            List<List<Value>> intended = new ArrayList<>();
            List<Writes.Write> ws = listRound(r, start, 0, writers, false, intended);
            List<Value> out = ((ListValue) Writes.run(new SequenceCrdt(), start, ws)).items();
            Set<Value> deleted = new HashSet<>();
            for (List<Value> meant : intended) for (Value b : start.items()) if (!meant.contains(b)) deleted.add(b);
            for (Value d : deleted) assertFalse(out.contains(d), () -> d + " was deleted and came back in " + out + " from " + ws);
            for (List<Value> meant : intended) {
                for (Value x : meant) if (!start.items().contains(x)) assertTrue(out.contains(x), () -> x + " was inserted and is lost: " + out);
                List<Value> kept = meant.stream().filter(out::contains).toList();
                List<Value> inOut = out.stream().filter(kept::contains).toList();
                assertEquals(kept, inOut, () -> "a writer's order " + meant + " is not kept in " + out);
            }
        });
    }

    // --- state() / restore() ----------------------------------------------------------------------

    static void restoringMidStreamChangesNothing(Supplier<MergeStrategy> fresh, Value start, List<Writes.Write> ws, int cut) {
        MergeStrategy straight = fresh.get();
        Value a = Delivery.asTheHub(straight, start, ws);
        MergeStrategy first = fresh.get();
        Value mid = Delivery.asTheHub(first, start, ws.subList(0, cut));
        MergeStrategy second = fresh.get();
        second.restore(first.state());
        assertEquals(first.state(), second.state(), "state() of a restored strategy differs");
        Value b = Delivery.asTheHub(second, mid, ws.subList(cut, ws.size()));
        assertEquals(a, b, () -> "restoring after " + cut + " of " + ws + " changed the value");
        assertEquals(straight.state(), second.state());
    }

    @Property(tries = 200) void savingAndRestoringMidStreamChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int n) {
        FullTries.repeat(seed, trySeed -> {
            Random r = new Random(trySeed);
            int cut = r.nextInt(Math.min(n, MergeGen.ORIGINS.size()) + 1);
            restoringMidStreamChangesNothing(LwwMap::new, MergeGen.FLAT, MergeGen.flatWrites(r, n), cut);
            restoringMidStreamChangesNothing(DeepLww::new, MergeGen.NESTED, MergeGen.nestedWrites(r, n), cut);
            restoringMidStreamChangesNothing(LastWriteWins::new, MergeGen.FLAT, MergeGen.flatWrites(r, n), cut);
            ListValue start = MergeGen.baseList(r.nextInt(6));
            restoringMidStreamChangesNothing(SequenceCrdt::new, start,
                    listRound(r, start, 0, Math.min(n, MergeGen.ORIGINS.size()), true, new ArrayList<>()), cut);
        });
    }

}
