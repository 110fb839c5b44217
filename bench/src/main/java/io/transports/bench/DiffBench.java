package io.transports.bench;

import io.transports.patch.Diff;
import io.transports.patch.Op;
import io.transports.value.ListValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/** Diff of a 10,000-element list with one element moved (expected: exactly one Move). */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DiffBench {
    @Param({"10000"})
    public int size;

    private Value before;
    private Value after;

    @Setup
    public void setup() {
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < size; i++) items.add(Value.of("element " + i));
        before = ListValue.of(items);
        Value moved = items.remove(size / 10);
        items.add(size - size / 10, moved);
        after = ListValue.of(items);
        List<Op> ops = Diff.diff(before, after);
        System.out.println("\nops for one moved element: " + ops);
    }

    @Benchmark
    public List<Op> diffOneMove() {
        return Diff.diff(before, after);
    }
}
