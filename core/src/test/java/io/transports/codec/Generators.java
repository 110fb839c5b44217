package io.transports.codec;

import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.protocol.UnknownMessage;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik arbitraries for Values, paths, ops, patches and messages, with awkward strings and numbers. */
final class Generators {
    private Generators() {}

    static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(8),
                Arbitraries.strings().all().ofMaxLength(6), // any char, including controls and lone surrogates
                Arbitraries.of("", "Null", "a\"b", "\\", "\u00e9", "\ud83d\ude00", "z", "\u2028", "\n\t"));
    }

    /** Strings that survive UTF-8 (no lone surrogates), as every wire format requires. */
    static Arbitrary<String> wireStrings() {
        return strings().filter(Generators::wellFormed);
    }

    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static Arbitrary<Value> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.just(Value.NULL),
                Arbitraries.of(true, false).map(Value::of),
                Arbitraries.longs().map(Value::of),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L).map(Value::of),
                Arbitraries.doubles().map(Value::of),
                Arbitraries.of(0.0, -0.0, 1.0, 1e300, 5e-324, Double.MAX_VALUE, 0.1, -1.5e10).map(Value::of),
                wireStrings().map(Value::of),
                Arbitraries.longs().greaterOrEqual(1).map(Value::submodel));
    }

    static Arbitrary<Value> values() {
        return Arbitraries.recursive(Generators::scalars, Generators::containers, 0, 3);
    }

    private static Arbitrary<Value> containers(Arbitrary<Value> inner) {
        return Arbitraries.oneOf(
                inner,
                inner.list().ofMaxSize(4).map(Value::list),
                Arbitraries.maps(wireStrings(), inner).ofMaxSize(4).map(m -> (Value) Value.map(m)));
    }

    static Arbitrary<Path> paths() {
        Arbitrary<Path.Segment> seg = Arbitraries.oneOf(
                wireStrings().map(Path.Key::new),
                Arbitraries.integers().between(0, Integer.MAX_VALUE).map(Path.Index::new));
        return seg.list().ofMaxSize(4).map(Path::of);
    }

    static Arbitrary<Op> ops() {
        Arbitrary<Integer> idx = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Arbitraries.oneOf(
                Combinators.combine(paths(), values()).as(Op.Set::new),
                paths().map(Op.Remove::new),
                Combinators.combine(paths(), idx, values()).as(Op.Insert::new),
                Combinators.combine(paths(), idx).as(Op.RemoveAt::new),
                Combinators.combine(paths(), idx, idx).as(Op.Move::new),
                Combinators.combine(paths(), idx.list().ofMaxSize(6))
                        .as((p, l) -> new Op.Reorder(p, l.stream().mapToInt(Integer::intValue).toArray())));
    }

    static Arbitrary<Patch> patches() {
        return Combinators.combine(Arbitraries.longs().greaterOrEqual(0), ops().list().ofMaxSize(4)).as(Patch::new);
    }

    static Arbitrary<Message> messages() {
        Arbitrary<Long> ids = Arbitraries.longs().greaterOrEqual(1);
        Arbitrary<Long> revs = Arbitraries.longs().greaterOrEqual(0);
        return Arbitraries.oneOf(
                Combinators.combine(ids, wireStrings(), revs, values()).as(Snapshot::new),
                Combinators.combine(ids, patches()).as(PatchMessage::new),
                Combinators.combine(ids, revs, wireStrings()).as(Reject::new),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6)
                        .filter(t -> !List.of("snapshot", "patch", "reject").contains(t)).map(UnknownMessage::new));
    }

    static Map<String, Value> sample() { return Map.of("name", Value.of("lamp"), "on", Value.of(false)); }
}
