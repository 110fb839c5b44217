package io.transports.bench;

import io.transports.ModelPatch;
import io.transports.Session;
import io.transports.Transports;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Session.flush on a hosted graph of about 10,000 nodes: with nothing changed, and with one changed
 * leaf. Run with -prof gc to see the allocation per flush (it should follow the change, not the model).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlushBench {
    @Param({"10000"})
    public int nodes;

    private Session session;
    private Catalog catalog;
    private int tick;

    @Setup
    public void setup() {
        catalog = Catalog.of(Catalog.itemsFor(nodes));
        session = new Session();
        long id = session.host(catalog);
        System.out.println("\nmodel nodes: " + Nodes.count(session.value(id)) + " (Transports.toValue: "
                + Nodes.count(Transports.toValue(catalog)) + ")");
    }

    @Benchmark
    public List<ModelPatch> flushNothingChanged() {
        return session.drain();
    }

    @Benchmark
    public List<ModelPatch> flushOneLeafChanged() {
        tick++;
        catalog.items.get(tick % catalog.items.size()).qty = tick;
        return session.drain();
    }
}
