package io.transports.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Merges per second of each strategy on {@link MergeBench}'s workload, timed by this thread's CPU time
 * as well as by the clock, so a figure taken on a busy shared machine still says what one merge
 * costs. Prints one line per strategy (best of five runs after two warm-up runs); never a test.
 * Usage: {@code java -cp bench/target/benchmarks.jar io.transports.bench.MergeRate [strategy ...]}
 */
public final class MergeRate {
    private MergeRate() {}

    public static void main(String[] args) {
        String[] strategies = args.length > 0 ? args : new String[] {"LastWriteWins", "LwwMap", "DeepLww", "SequenceList", "SequenceText"};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String s : strategies) {
            MergeBench b = new MergeBench();
            b.strategy = s;
            b.setup();
            double bestCpu = 0, bestWall = 0;
            for (int run = 0; run < 7; run++) {
                long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                b.mergeAll();
                double cpu = MergeBench.WRITES / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
                double wall = MergeBench.WRITES / ((System.nanoTime() - t0) / 1e9);
                if (run >= 2) {
                    bestCpu = Math.max(bestCpu, cpu);
                    bestWall = Math.max(bestWall, wall);
                }
            }
            System.out.printf("%s: %.0f merges/s of CPU time, %.0f merges/s of wall time (%d writes from %d origins)%n",
                    s, bestCpu, bestWall, MergeBench.WRITES, MergeBench.ORIGINS);
        }
    }
}
