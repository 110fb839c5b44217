package io.transports.crdt;

import io.transports.value.KeyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How one node of a model merges concurrent edits (docs/protocol.md "CRDT documents"):
 * <ul>
 * <li>{@link Register}: last writer wins by dot;</li>
 * <li>{@link MapPolicy}: each key merged by its own policy ({@code fields}), every other key by
 *     {@code values}; a concurrent update wins over a remove;</li>
 * <li>{@link SetPolicy}: an add-wins set of members identified by their {@code keys} paths (by the whole
 *     value when there are none), each member merged by {@code element};</li>
 * <li>{@link SequencePolicy}: an ordered sequence of stable element ids, materialised as a list or, with
 *     register elements, as a string of single characters.</li>
 * </ul>
 * Immutable; equal policies write the same canonical form ({@link CrdtSpec#canonicalJson()}).
 */
public sealed interface CrdtPolicy {
    Register REGISTER = new Register();

    record Register() implements CrdtPolicy {}

    record MapPolicy(SortedMap<String, CrdtPolicy> fields, CrdtPolicy values) implements CrdtPolicy {
        public MapPolicy {
            TreeMap<String, CrdtPolicy> sorted = new TreeMap<>(KeyOrder.INSTANCE);
            sorted.putAll(Objects.requireNonNull(fields, "fields"));
            fields = Collections.unmodifiableSortedMap(sorted);
            Objects.requireNonNull(values, "values");
        }

        /** The policy of one key: its field policy, else the values policy. */
        public CrdtPolicy child(String key) {
            CrdtPolicy p = fields.get(key);
            return p != null ? p : values;
        }
    }

    record SetPolicy(List<List<String>> keys, CrdtPolicy element) implements CrdtPolicy {
        public SetPolicy {
            List<List<String>> sorted = new ArrayList<>();
            for (List<String> k : Objects.requireNonNull(keys, "keys")) sorted.add(List.copyOf(k));
            sorted.sort(CrdtPolicy::compareKeyPaths);
            keys = List.copyOf(sorted);
            Objects.requireNonNull(element, "element");
        }
    }

    record SequencePolicy(boolean string, CrdtPolicy element) implements CrdtPolicy {
        public SequencePolicy { Objects.requireNonNull(element, "element"); }

        /** {@code "string"} or {@code "list"}: how the sequence materialises. */
        public String materialization() { return string ? "string" : "list"; }
    }

    static Register register() { return REGISTER; }

    /** A map whose every key is a register. */
    static MapPolicy map() { return new MapPolicy(new TreeMap<>(), REGISTER); }

    static MapPolicy map(Map<String, CrdtPolicy> fields, CrdtPolicy values) { return new MapPolicy(new TreeMap<>(fields), values); }

    static SetPolicy set(List<List<String>> keys, CrdtPolicy element) { return new SetPolicy(keys, element); }

    static SequencePolicy list(CrdtPolicy element) { return new SequencePolicy(false, element); }

    static SequencePolicy text() { return new SequencePolicy(true, REGISTER); }

    /** Lexicographic by segment, each segment by code point: the reference's sort of key paths. */
    private static int compareKeyPaths(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = KeyOrder.INSTANCE.compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }
}
