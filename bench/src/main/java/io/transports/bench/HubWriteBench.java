package io.transports.bench;

import io.transports.Connection;
import io.transports.Frame;
import io.transports.Hub;
import io.transports.codec.Codecs;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.PatchMessage;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Writes to a shared model with 1,000 subscriber connections (10 tenants of 100 JSON connections, one
 * of them the writer): {@code mergeOneWriteToAll} is one write and a flush — decode, merge (last write
 * wins), diff, then at the sync one encode for every subscriber and the writer's tagged copy;
 * {@code mergeTenWritesOneFlush} is ten writes (ten writers) and one flush, which sends one patch
 * spanning the ten revisions to every subscriber (docs/protocol.md "Hub"). Alternate values, so every
 * write changes the model.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HubWriteBench {
    /** The shared model. */
    public static class Board {
        public String title = "plan";
        public long votes;
        public List<String> notes = List.of("a", "b", "c");
    }

    @Param({"1000"})
    public int connections;

    private Hub hub;
    private Connection writer;
    private final Connection[] writers = new Connection[10];
    private Frame[] writes;
    private int tick;

    @Setup
    public void setup() {
        hub = new Hub(c -> c.param("tenant").orElseThrow());
        long id = hub.share(new Board());
        for (int t = 0; t < 10; t++) hub.subscribe("tenant-" + t, id, Hub.Mode.WRITE);
        for (int i = 0; i < connections; i++) {
            Connection c = new Connection("conn-" + i, Map.of("tenant", "tenant-" + (i % 10)));
            hub.connect(c);
            if (i == 0) writer = c;
            if (i < 10) writers[i] = c;
        }
        writes = new Frame[2];
        for (int k = 0; k < 2; k++) {
            Patch p = new Patch(0, List.of(new Op.Set(Path.of(new Path.Key("votes")), Value.of(k + 1))));
            writes[k] = Codecs.forName("json").encode(new PatchMessage(id, p, "w" + k));
        }
    }

    @Benchmark
    public Map<Connection, List<Frame>> mergeOneWriteToAll() {
        hub.receive(writer, writes[tick++ & 1]);
        return hub.sync();
    }

    @Benchmark
    public Map<Connection, List<Frame>> mergeTenWritesOneFlush() {
        for (Connection w : writers) hub.receive(w, writes[tick++ & 1]);
        return hub.sync();
    }
}
