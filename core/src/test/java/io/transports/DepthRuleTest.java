package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.codec.CodecException;
import io.transports.codec.Codecs;
import io.transports.codec.Json;
import io.transports.codec.Limits;
import io.transports.patch.Apply;
import io.transports.patch.Op;
import io.transports.patch.PatchException;
import io.transports.protocol.Snapshot;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One depth rule everywhere: no Value nests deeper than {@link Value#MAX_DEPTH} (the codecs' highest
 * limit), so hashing, equality, text, diff, apply and encoding never overflow the stack; building or
 * applying past it is refused with an error naming the limit. Run on a thread with a small stack
 * (512 KiB, half the usual default) so a recursion that would only just fit is caught.
 */
class DepthRuleTest {

    private static Value nested(int depth, Value leaf) {
        Value v = leaf;
        for (int i = 0; i < depth; i++) v = i % 2 == 0 ? Value.list(v) : Value.map(Map.of("k", v));
        return v;
    }

    private static void onSmallStack(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        if (failure.get() != null) throw new AssertionError("failed on a 512 KiB stack: " + failure.get(), failure.get());
    }

    @Test
    void buildingPastTheLimitIsRefusedNamingIt() {
        Value deepest = nested(Value.MAX_DEPTH, Value.of(1));
        assertEquals(Value.MAX_DEPTH, deepest.depth());
        var e = assertThrows(IllegalArgumentException.class, () -> Value.list(deepest));
        assertEquals("a Value may nest at most 2048 levels (Value.MAX_DEPTH); this one would nest 2049", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Value.map(Map.of("x", deepest)));
        assertEquals(Value.MAX_DEPTH, Limits.MAX_DEPTH, "the codecs' highest limit is the same rule");
    }

    @Test
    void everyOperationWorksAtTheLimitWithoutOverflowingTheStack() throws InterruptedException {
        onSmallStack(() -> {
            Value a = nested(Value.MAX_DEPTH, Value.of(1));
            Value b = nested(Value.MAX_DEPTH, Value.of(2));
            Value a2 = nested(Value.MAX_DEPTH, Value.of(1));
            assertNotEquals(a.hashCode(), 0);
            assertEquals(a, a2);
            assertNotEquals(a, b);
            assertEquals(a.toString(), Json.write(a));
            List<Op> ops = Transports.diff(a, b).ops();
            assertEquals(1, ops.size(), "below the diff's recursion limit a change is one Set");
            assertEquals(b, Apply.apply(a, ops));
            var wide = new Limits(Limits.DEFAULT.maxBytes(), Limits.MAX_DEPTH);
            for (String codec : new String[] {"json", "msgpack", "cbor"}) {
                var c = Codecs.forName(codec).withLimits(wide);
                assertEquals(a, ((Snapshot) c.decode(c.encode(new Snapshot(1, "T", 0, a)))).value(), codec);
            }
        });
    }

    @Test
    void applyRefusesAResultPastTheLimitNamingTheOp() {
        Value deep = nested(Value.MAX_DEPTH - 1, Value.NULL);
        Value root = Value.list(Value.NULL);
        var e = assertThrows(PatchException.class, () -> Apply.apply(root, List.of(new Op.Set(Path.parse(0), Value.list(deep)))));
        assertTrue(e.getMessage().startsWith("op 0 (Set) at [0]: the value would nest 2049 levels deep, past the limit of 2048"), e.getMessage());
        var ins = assertThrows(PatchException.class, () -> Apply.apply(root, List.of(new Op.Insert(Path.ROOT, 0, Value.list(deep)))));
        assertTrue(ins.getMessage().contains("past the limit of 2048"), ins.getMessage());
        assertEquals(Value.MAX_DEPTH, Apply.apply(root, List.of(new Op.Set(Path.parse(0), deep))).depth());
    }

    @Test
    void theDefaultCodecRefusesWhatIsDeeperThanItsLimitClearly() {
        Value v = nested(Limits.DEFAULT.maxDepth() + 1, Value.NULL);
        var e = assertThrows(CodecException.class, () -> Codecs.forName("cbor").encode(new Snapshot(1, "T", 0, v)));
        assertTrue(e.getMessage().startsWith("nesting deeper than 512 at value"), e.getMessage());
    }
}
