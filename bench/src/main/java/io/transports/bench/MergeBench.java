package io.transports.bench;

import io.transports.merge.DeepLww;
import io.transports.merge.LastWriteWins;
import io.transports.merge.LwwMap;
import io.transports.merge.MergeStrategy;
import io.transports.merge.SequenceCrdt;
import io.transports.merge.Stamp;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.ListValue;
import io.transports.value.Path;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.*;

/**
 * Merges per second for each merge strategy: 10,000 writes from 10 origins into one shared model,
 * each written against a revision up to 5 behind the hub's (concurrent writers), replayed into a
 * fresh strategy per invocation. The writes are made once, by running the hub loop in setup, so every
 * base revision they carry is one the strategy really passed through. Numbers only; never a test.
 *
 * <ul>
 *   <li>{@code LastWriteWins}, {@code LwwMap}: a map of 100 keys, each write sets one key;</li>
 *   <li>{@code DeepLww}: 10 groups of 10 fields, each write sets one nested field;</li>
 *   <li>{@code SequenceList}: a list (100 elements at the start), each write inserts or removes one
 *       element at an index of its base revision;</li>
 *   <li>{@code SequenceText}: a text (100 characters at the start), each write is a whole-text Set
 *       with one character typed or deleted, as our diff sends text.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MergeBench {
    static final int WRITES = 10_000, ORIGINS = 10, MAX_LAG = 5;

    @Param({"LastWriteWins", "LwwMap", "DeepLww", "SequenceList", "SequenceText"})
    public String strategy;

    private Supplier<MergeStrategy> fresh;
    private Value start;
    private final List<Patch> patches = new ArrayList<>();
    private final List<Stamp> stamps = new ArrayList<>();

    @Setup
    public void setup() {
        Random r = new Random(42);
        fresh = switch (strategy) {
            case "LastWriteWins" -> LastWriteWins::new;
            case "LwwMap" -> LwwMap::new;
            case "DeepLww" -> DeepLww::new;
            default -> SequenceCrdt::new;
        };
        start = switch (strategy) {
            case "DeepLww" -> nested();
            case "SequenceList" -> list(r);
            case "SequenceText" -> Value.of(text(r, 100));
            default -> flat();
        };
        // the hub loop, once: each write is made against a revision up to MAX_LAG behind
        MergeStrategy s = fresh.get();
        List<Value> byRev = new ArrayList<>(List.of(start));
        Value v = start;
        for (int i = 0; i < WRITES; i++) {
            int base = Math.max(0, byRev.size() - 1 - r.nextInt(MAX_LAG + 1));
            Stamp stamp = new Stamp(base, "origin-" + r.nextInt(ORIGINS));
            Patch p = new Patch(base, List.of(op(r, byRev.get(base), i)));
            Value next = s.merge(v, p, stamp);
            if (!next.equals(v)) byRev.add(next);
            v = next;
            patches.add(p);
            stamps.add(stamp);
        }
    }

    private Op op(Random r, Value seen, int i) {
        switch (strategy) {
            case "DeepLww":
                return new Op.Set(Path.parse("g" + r.nextInt(10), "f" + r.nextInt(10)), Value.of(i));
            case "SequenceList": {
                int n = ((ListValue) seen).size();
                if (n > 50 && r.nextInt(3) == 0) return new Op.RemoveAt(Path.ROOT, r.nextInt(n));
                return new Op.Insert(Path.ROOT, r.nextInt(n + 1), Value.of("item " + i));
            }
            case "SequenceText": {
                StringBuilder b = new StringBuilder(((StrValue) seen).value());
                if (b.length() > 50 && r.nextInt(3) == 0) b.deleteCharAt(r.nextInt(b.length()));
                else b.insert(r.nextInt(b.length() + 1), (char) ('a' + r.nextInt(26)));
                return new Op.Set(Path.ROOT, Value.of(b.toString()));
            }
            default:
                return new Op.Set(Path.parse("k" + r.nextInt(100)), Value.of(i));
        }
    }

    private static Value flat() {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int k = 0; k < 100; k++) m.put("k" + k, Value.of(0));
        return Value.map(m);
    }

    private static Value nested() {
        Map<String, Value> groups = new LinkedHashMap<>();
        for (int g = 0; g < 10; g++) {
            Map<String, Value> fields = new LinkedHashMap<>();
            for (int f = 0; f < 10; f++) fields.put("f" + f, Value.of(0));
            groups.put("g" + g, Value.map(fields));
        }
        return Value.map(groups);
    }

    private static Value list(Random r) {
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) items.add(Value.of("start " + i));
        return ListValue.of(items);
    }

    private static String text(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) ('a' + r.nextInt(26)));
        return b.toString();
    }

    /** All 10,000 writes into a fresh strategy; the score times 10,000 is merges per second. */
    @Benchmark
    @OperationsPerInvocation(WRITES)
    public Value mergeAll() {
        MergeStrategy s = fresh.get();
        Value v = start;
        for (int i = 0; i < WRITES; i++) v = s.merge(v, patches.get(i), stamps.get(i));
        return v;
    }
}
