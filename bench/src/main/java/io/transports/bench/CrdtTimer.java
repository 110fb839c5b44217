package io.transports.bench;

import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtJson;
import io.transports.crdt.CrdtOp;
import io.transports.crdt.CrdtPolicy;
import io.transports.crdt.CrdtSpec;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The CRDT text workloads of docs/benchmarks.md, timed by CPU time (compare_crdt.sh runs this
 * and python/crdt_timer.py on the very same operations, which this writes to a file):
 * <ul>
 * <li>{@code merge10k}: 4 writers make 10,000 sequence operations on one text (typing and deleting at
 *     random places, exchanging operations every 50 edits); a fresh replica merges all of them, once
 *     as one batch and once one operation per call (as frames arrive);</li>
 * <li>{@code text100k}: a 100,000-character text edited by 10 writers, about 500 operations in all
 *     (exchanging every 10 rounds); timed: the local edits, then a fresh replica merging every operation.</li>
 * </ul>
 * Prints one line per measure: {@code name ops=<n> ms=<t> ops_per_s=<r>} and the state sizes. Times are
 * the thread's CPU time, not wall time: this machine is shared, and CPU time is what the work costs.
 * Usage: CrdtTimer OPS_FILE
 */
public final class CrdtTimer {
    static final CrdtSpec TEXT = CrdtSpec.of(CrdtPolicy.text());

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "crdt_ops.json");
        StringBuilder json = new StringBuilder("{");
        Workload merge = workload("merge10k", "", 4, 10_000, 50, 1);
        Workload text = workload("text100k", randomText(100_000, new Random(7)), 10, 500, 100, 2);
        for (Workload w : List.of(merge, text)) {
            if (json.length() > 1) json.append(',');
            json.append('"').append(w.name).append("\":{\"initial\":").append(Value.of(w.initial))
                    .append(",\"ops\":").append(CrdtJson.toNode(w.ops, CrdtJson.Form.TAGGED)).append('}');
        }
        Files.writeString(file, json.append('}').toString(), StandardCharsets.UTF_8);
        for (Workload w : List.of(merge, text)) {
            print(w.name + " local-edits", w.ops.size(), w.editNanos);
            for (int round = 0; round < 3; round++) { // the last round is printed; the first two warm up
                CrdtDocument batch = new CrdtDocument(TEXT, Value.of(w.initial), "z");
                long t0 = cpu();
                batch.merge(w.ops);
                Value v = batch.value();
                long batchNanos = cpu() - t0;
                CrdtDocument single = new CrdtDocument(TEXT, Value.of(w.initial), "y");
                long t1 = cpu();
                for (CrdtOp op : w.ops) single.merge(List.of(op));
                single.value();
                long singleNanos = cpu() - t1;
                if (!single.stateJson().equals(batch.stateJson()) || !v.equals(w.result)) throw new AssertionError("replicas disagree");
                if (round == 2) {
                    print(w.name + " merge-batch", w.ops.size(), batchNanos);
                    print(w.name + " merge-one-per-call", w.ops.size(), singleNanos);
                    System.out.println(w.name + " state_bytes=" + batch.stateJson().getBytes(StandardCharsets.UTF_8).length
                            + " text_chars=" + ((StrValue) v).value().codePointCount(0, ((StrValue) v).value().length()));
                }
            }
        }
    }

    private record Workload(String name, String initial, List<CrdtOp> ops, long editNanos, Value result) {}

    private static Workload workload(String name, String initial, int writers, int targetOps, int syncEvery, long seed) {
        Random rng = new Random(seed);
        List<CrdtDocument> docs = new ArrayList<>();
        CrdtDocument first = new CrdtDocument(TEXT, Value.of(initial), "w0");
        docs.add(first);
        for (int i = 1; i < writers; i++) docs.add(CrdtDocument.fromState(TEXT, first.stateJson(), "w" + i));
        List<CrdtOp> all = new ArrayList<>();
        int[] seen = new int[writers];
        int[] lengths = new int[writers]; // what each writer's editor knows of its text's length
        java.util.Arrays.fill(lengths, initial.length());
        long nanos = 0;
        for (int round = 0; all.size() < targetOps; round++) {
            for (int w = 0; w < writers && all.size() < targetOps; w++) {
                CrdtDocument d = docs.get(w);
                int length = lengths[w];
                boolean delete = length > 0 && rng.nextInt(4) == 0;
                String typed = delete ? "" : randomText(1 + rng.nextInt(3), rng);
                long t0 = cpu();
                List<CrdtOp> change = delete
                        ? d.deleteText(List.of(), rng.nextInt(length), 1)
                        : d.insertText(List.of(), rng.nextInt(length + 1), typed);
                nanos += cpu() - t0;
                lengths[w] += delete ? -1 : typed.length();
                all.addAll(change);
            }
            if (round % Math.max(1, syncEvery / writers) == 0) {
                for (int w = 0; w < writers; w++) {
                    docs.get(w).merge(all.subList(seen[w], all.size()));
                    seen[w] = all.size();
                    lengths[w] = ((StrValue) docs.get(w).value()).value().length(); // ASCII text: chars are code points
                }
            }
        }
        CrdtDocument check = new CrdtDocument(TEXT, Value.of(initial), "check");
        check.merge(all);
        return new Workload(name, initial, all, nanos, check.value());
    }

    private static String randomText(int n, Random rng) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) ('a' + rng.nextInt(26)));
        return b.toString();
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpu() { return THREADS.getCurrentThreadCpuTime(); }

    private static void print(String name, int ops, long nanos) {
        double ms = nanos / 1e6;
        System.out.printf("%s ops=%d ms=%.1f ops_per_s=%.0f%n", name, ops, ms, ops / (nanos / 1e9));
    }
}
