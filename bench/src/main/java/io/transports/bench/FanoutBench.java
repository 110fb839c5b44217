package io.transports.bench;

import io.transports.Frame;
import io.transports.Server;
import io.transports.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/** Server.flush of one patch to 1,000 JSON connections: one encode, one shared frame. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanoutBench {
    @Param({"1000"})
    public int connections;

    private Server server;
    private Catalog catalog;
    private int tick;

    @Setup
    public void setup() {
        catalog = Catalog.of(Catalog.itemsFor(10_000));
        Session session = new Session();
        session.host(catalog);
        server = new Server(session);
        for (int i = 0; i < connections; i++) server.open("conn-" + i);
    }

    @Benchmark
    public Map<Object, List<Frame>> flushOnePatchToAll() {
        tick++;
        catalog.items.get(tick % catalog.items.size()).label = "label " + tick;
        return server.flush();
    }
}
