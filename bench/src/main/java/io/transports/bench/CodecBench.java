package io.transports.bench;

import io.transports.Frame;
import io.transports.Transports;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.protocol.Message;
import io.transports.protocol.Snapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Encoding and decoding a snapshot of the 10,000-item catalog in each codec: what the text rule (every
 * string checked for lone surrogates) and the byte-level pre-checks of binary frames (lengths, key
 * types, strict UTF-8) cost on the frames every connection opens with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBench {
    @Param({"json", "msgpack", "cbor"})
    public String codec;

    private Codec c;
    private Message snapshot;
    private Frame frame;

    @Setup
    public void setup() {
        c = Codecs.forName(codec);
        snapshot = new Snapshot(1, "Catalog", 1, Transports.toValue(Catalog.of(Catalog.itemsFor(10_000))));
        frame = c.encode(snapshot);
    }

    @Benchmark
    public Frame encodeSnapshot() { return c.encode(snapshot); }

    @Benchmark
    public Message decodeSnapshot() { return c.decode(frame); }
}
